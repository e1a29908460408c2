// The one frame of the docs site's static pages, and the text written into them.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { escapeHtml, inlineText, page, sha256 } from "../../scripts/docs/html.js";
import { GENERATED_NOTICE } from "../../scripts/output.js";

const hash = (text: string): string => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("page", () => {
  // Made in each test, not once here: mutation runs see only what a test's own body runs.
  const plainPage = () => page({ title: "A & <B>", style: "main { max-width: 1rem; }\n", main: "<p>Hi.</p>" });
  const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;

  it("starts with the notice and holds the title, escaped, and the main content", () => {
    const plain = plainPage();
    expect(plain.startsWith(`<!DOCTYPE html>\n<!-- ${GENERATED_NOTICE} -->\n<html lang="en">`)).toBe(true);
    expect(plain).toContain("<title>A &amp; &lt;B&gt;</title>");
    expect(plain).toContain("<main>\n<p>Hi.</p>\n</main>\n</body>");
  });

  it("has the base style, then the page's own", () => {
    expect(styleOf(plainPage())).toMatch(
      /^\nbody \{ font: 16px\/1\.5 system-ui, sans-serif;[\s\S]*\nmain \{ max-width: 1rem; \}\n$/,
    );
  });

  it("allows only its own style, and requests nothing (the icon is inline)", () => {
    const plain = plainPage();
    expect(plain).toContain(`content="default-src 'none'; img-src data:; style-src ${hash(styleOf(plain))}">`);
    expect(plain).toContain('<link rel="icon" href="data:,">');
    expect(plain).not.toMatch(/<script/);
  });

  it("allows its one script by its hash, and runs it after the main content", () => {
    const scripted = page({ title: "T", style: "", script: "run();", main: "" });
    expect(scripted).toContain(`style-src ${hash(styleOf(scripted))}; script-src ${hash("run();")}"`);
    expect(scripted).toContain("</main>\n<script>run();</script>\n</body>");
  });
});

describe("escapeHtml, inlineText, sha256", () => {
  it("escapes the five characters HTML gives meaning to", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("writes Markdown as one line of text, keeping code spans", () => {
    expect(inlineText("  Use `a<b>`\n  or  b. ")).toBe("Use <code>a&lt;b&gt;</code> or b.");
  });

  it("gives the CSP source of a block", () => {
    expect(sha256("x")).toBe(hash("x"));
  });
});
