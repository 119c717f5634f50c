import { readPackageJson } from '../io/package-json.js';

export const VERSION = readPackageJson<{ version: string }>('package.json').version;
