/**
 * Issue 13, item 4 (the second wall): every form that posts carries the visitor's form token, and
 * the forms anyone may post (sign-up, comments) the bots' honeypot. Read from the source with the
 * TypeScript parser, so a form added without them fails here before its posts fail in production.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

interface PostForm {
  where: string;
  children: Set<string>;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return full.endsWith(".tsx") ? [full] : [];
  });
}

function tagName(node: ts.JsxOpeningLikeElement, source: ts.SourceFile): string {
  return node.tagName.getText(source);
}

/** Every `<form>`, `<Form>` or `<x.Form>` whose method is not GET, with the tag names inside it. */
function postForms(file: string): PostForm[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const forms: PostForm[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxElement(node) && /^(form|Form|\w+\.Form)$/.test(tagName(node.openingElement, source))) {
      const method = node.openingElement.attributes.properties.find(
        (attribute) => ts.isJsxAttribute(attribute) && attribute.name.getText(source) === "method",
      );
      const value = method && ts.isJsxAttribute(method) ? method.initializer?.getText(source) : undefined;
      if (value && !/^["']get["']$/i.test(value)) {
        const children = new Set<string>();
        const collect = (inner: ts.Node) => {
          if (ts.isJsxOpeningElement(inner) || ts.isJsxSelfClosingElement(inner)) children.add(tagName(inner, source));
          ts.forEachChild(inner, collect);
        };
        node.children.forEach(collect);
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        forms.push({ where: `${path.relative(process.cwd(), file)}:${line + 1}`, children });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return forms;
}

const forms = sourceFiles("app").flatMap(postForms);

describe("forms that post", () => {
  it("are all found (the parser sees the app's forms)", () => {
    expect(forms.length).toBeGreaterThan(40);
  });

  it("all carry the form token", () => {
    expect(forms.filter((form) => !form.children.has("FormToken")).map((form) => form.where)).toEqual([]);
  });

  it("open to anyone (sign-up, comments) carry the honeypot", () => {
    for (const file of ["app/routes/_auth+/sign-up.tsx", "app/components/comment-form.tsx"]) {
      const own = forms.filter((form) => form.where.startsWith(`${file}:`));
      expect(own.length, file).toBeGreaterThan(0);
      for (const form of own) expect(form.children.has("HoneypotField"), form.where).toBe(true);
    }
  });
});
