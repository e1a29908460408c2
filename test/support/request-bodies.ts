// Request bodies for the tests that call a mock server that validates requests (Prism).
import type { components } from "../../generated/ittybit/index.js";

/** A storage connection to create: the one body with a secret, a made-up one. */
export const CONNECTION: components["schemas"]["ConnectionCreate"] = {
  name: "a",
  kind: "s3",
  endpoint: "https://s3.example.com",
  region: "auto",
  access_key_id: "id",
  secret_access_key: "not-a-secret",
};

/** A valid body for each operation that takes one; Prism answers an invalid request with a 400 of its own. */
export const BODIES: Record<string, unknown> = {
  "POST /tasks": { url: "https://example.com/a.mp4", kind: "video" },
  "POST /runs": { tasks: [{ kind: "video" }] },
  "POST /automations": { name: "a", workflow: [{ kind: "video" }] },
  "PATCH /automations/{id}": { name: "b" },
  "POST /automations/{id}/run": { url: "https://example.com/a.mp4" },
  "POST /webhooks/endpoints": { url: "https://example.com/hook", topics: ["task.succeeded"] },
  "PATCH /webhooks/endpoints/{id}": { url: "https://example.com/hook" },
  "POST /connections": CONNECTION,
  "PATCH /connections/{id}": { name: "b" },
  "POST /checks": { url: "https://example.com/?aff=1", check_type: "link" },
  "POST /detect": { urls: ["https://example.com/?aff=1"] },
  "POST /batches": { urls: ["https://example.com/?aff=1"] },
  "POST /monitors": { url: "https://example.com/?aff=1", frequency: "daily" },
  "POST /keys": { name: "ci" },
  "POST /credits/topup": { packId: "standard" },
};
