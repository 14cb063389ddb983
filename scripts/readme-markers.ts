/** The generated parts of README.md sit between `<!-- name:start -->` and `<!-- name:end -->`. */

function markers(name: string): RegExp {
  return new RegExp(`(<!-- ${name}:start -->\\n)([\\s\\S]*?)(\\n<!-- ${name}:end -->)`);
}

/** The text between `name`'s markers, or undefined when there are none. */
export function readSection(readme: string, name: string): string | undefined {
  return markers(name).exec(readme)?.[2];
}

/** `readme` with the text between `name`'s markers replaced by `body`. */
export function replaceSection(readme: string, name: string, body: string): string {
  const pattern = markers(name);
  if (!pattern.test(readme)) throw new Error(`README.md has no ${name} markers`);
  return readme.replace(pattern, (_match, start: string, _old: string, end: string) => `${start}${body}${end}`);
}
