/**
 * Validates a Data Package zip with the Frictionless project's own JavaScript library
 * (`datapackage`, with `tableschema` underneath), not with a check of ours: the descriptor against
 * the Tabular Data Package profile, then every row of every resource cast to its schema's types.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";

interface FrictionlessResource {
  name: string;
  read(options: { keyed: true; cast?: boolean }): Promise<Record<string, unknown>[]>;
}
interface FrictionlessPackage {
  valid: boolean;
  errors: Error[];
  resources: FrictionlessResource[];
}

// The library has no type declarations: these are the few members used here.
const { Package } = createRequire(import.meta.url)("datapackage") as {
  Package: { load(descriptor: string, options: { basePath: string }): Promise<FrictionlessPackage> };
};

export interface Validation {
  /** The descriptor's errors, then each table's, as the library words them. */
  errors: string[];
  /** Every table's rows, cast to their types. */
  tables: Record<string, Record<string, unknown>[]>;
}

export async function validateDataPackage(zipBytes: Buffer): Promise<Validation> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-datapackage-"));
  try {
    const zip = await JSZip.loadAsync(zipBytes);
    for (const name of Object.keys(zip.files)) {
      const target = path.join(dir, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, await zip.files[name]!.async("nodebuffer"));
    }
    const dataPackage = await Package.load(path.join(dir, "datapackage.json"), { basePath: dir });
    const errors = dataPackage.errors.map((error) => `datapackage.json: ${error.message}`);
    const tables: Validation["tables"] = {};
    for (const resource of dataPackage.resources) {
      try {
        tables[resource.name] = await resource.read({ keyed: true, cast: true });
      } catch (error) {
        const detail = (error as { errors?: Error[] }).errors ?? [error as Error];
        errors.push(...detail.map((e) => `${resource.name}: ${e.message}`));
      }
    }
    return { errors, tables };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
