/*
 * The names of the files the wizard hands out, in a module of their own so the first screen can use them without
 * loading the generators (and with them zod and yaml).
 */
export const TELEMETRY_FILE_NAME = 'dt-telemetry.yaml';
