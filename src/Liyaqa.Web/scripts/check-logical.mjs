// Right-to-left is right by construction only when layout uses logical sides. This fails on physical
// left/right utilities (ml-, pr-, left-, text-right, rounded-l, border-r, float-left…) in the source.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const PHYSICAL =
  /(?<![\w-])-?(?:m[lr]|p[lr]|left|right|inset-[lr]|text-(?:left|right)|float-(?:left|right)|clear-(?:left|right)|rounded-(?:[lr]|[tb][lr])|border-[lr]|scroll-[mp][lr])(?:-[\w./[\]%-]+)?(?![\w-])/g;

/** The physical utilities in one file's class strings (className="…", cn("…"), template literals). */
export function physicalUtilities(source) {
  const found = [];
  for (const match of source.matchAll(/className=(?:"([^"]*)"|\{`([^`]*)`\})|\bcx\(([^)]*)\)/g)) {
    const classes = match[1] ?? match[2] ?? match[3] ?? "";
    for (const token of classes.split(/[\s"'`,]+/)) {
      const bare = token.replace(/^(?:[\w-]+:)+/, "");
      if (bare.match(new RegExp(`^${PHYSICAL.source}$`))) found.push(token);
    }
  }
  return found;
}

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(tsx?|css)$/.test(entry.name)) yield full;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const src = new URL("../src", import.meta.url).pathname;
  let failures = 0;
  for await (const file of files(src)) {
    const found = physicalUtilities(await readFile(file, "utf8"));
    if (found.length) {
      failures += found.length;
      console.error(`${path.relative(src, file)}: ${found.join(" ")} — use ms-/me-/ps-/pe-/start-/end-/text-start/text-end`);
    }
  }
  if (failures) process.exit(1);
  console.log("Only logical left/right utilities in src/.");
}
