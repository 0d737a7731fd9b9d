// @process: core
// .synapseConfig, split along its seams: parser (configparser-faithful reading), profiles (the
// client's profile and credential rules), file (read/write, symlinks, encoding, backups, temp
// cleanup), edit (line-preserving edits), export (plan, then write the plan), import (scan,
// remove). The parser's and editor's internals stay in their modules. Plain functions over a path, a token and a profile: the app and the CLI call the same.
export { ConfigSyntaxError, findSection, getValue, parseConfig, sectionItems, type ConfigDoc, type Line, type OptionEntry, type SectionEntry, type SyntaxProblem } from './parser';
export * from './profiles';
export * from './file';
export type { KeyChange } from './edit';
export * from './export';
export * from './import';
export * from './place';
