// The contract model the diff compares: the interface of the project's one contract reader
// (`readContracts` in scripts/contract/), written out here until that module lands on main.
// Only `readSide` in ./sides.ts produces these; everything else in scripts/diff/ is pure.

/** JSON pointer segments: `/error/code` is `["error", "code"]`. */
export type Pointer = readonly string[];

export interface ContractEnvelope {
  readonly code: Pointer;
  readonly message: Pointer;
  readonly type?: Pointer | undefined;
  readonly requestId?: Pointer | undefined;
}

export interface ContractCode {
  readonly code: string;
  readonly status: number;
  readonly type?: string | undefined;
  readonly description: string;
  readonly example: unknown;
  /** The `x-inferred` reason, when the code's facts are not all documented. */
  readonly inferred?: string | undefined;
  readonly schema: string;
}

export interface ContractErrorType {
  readonly type: string;
  readonly statuses: readonly number[];
  readonly description: string;
  readonly inferred?: string | undefined;
}

export interface ContractHeader {
  readonly name: string;
  readonly required: boolean;
  readonly example?: unknown;
}

export interface ContractError {
  /** `"404"`, `"4XX"` or `"default"`. */
  readonly status: string;
  readonly codes: readonly string[];
  /** The body also admits codes outside the catalog (the open envelope). */
  readonly open: boolean;
  readonly headers: readonly ContractHeader[];
  readonly inferred?: string | undefined;
}

export interface ContractOperation {
  /** `GET /tasks/{id}`. */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly inferred?: string | undefined;
  readonly errors: readonly ContractError[];
}

export interface Contract {
  /** The key under `apis:` in redocly.yaml. */
  readonly name: string;
  readonly root: string;
  readonly title: string;
  /** `Ittybit`: the prefix of exported types. */
  readonly typeName: string;
  readonly valueName: string;
  readonly version: string;
  readonly serverUrl: string;
  readonly envelope: ContractEnvelope;
  readonly catalog: readonly ContractCode[];
  readonly errorTypes: readonly ContractErrorType[];
  readonly operations: readonly ContractOperation[];
  readonly document: unknown;
}

/** What the diff reads of a contract; tests build these by hand. */
export type ContractView = Pick<Contract, "name" | "typeName" | "envelope" | "catalog" | "errorTypes" | "operations">;
