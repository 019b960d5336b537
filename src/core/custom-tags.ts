import { z } from 'zod';
import { CUSTOM_TAG_TYPES, type CustomTagType } from './custom-tag-kinds';
import { versionRefusal } from './version-gates';

export { CUSTOM_TAG_TYPES, customTagTypesFor, renderCustomTags, type CustomTagType } from './custom-tag-kinds';

/*
 * Custom tags the proxies add to every span (Telemetry spec.tracing[].customTags). The kinds and their
 * fields are istio/api telemetry/v1alpha1/telemetry.proto Tracing.CustomTag: literal {value}, environment
 * {name, defaultValue}, header {name, defaultValue}, and from 1.29 formatter {value} (an access-log
 * format string such as %REQUESTED_SERVER_NAME%). Required strings there have MinLength=1.
 */

/** As the form holds it: all text, so nothing the user typed is lost. */
export interface CustomTagInput {
  name: string;
  type: string;
  /** The literal value, the variable name, the header name or the format string. */
  value: string;
  /** For environment and header: what to use when the variable or header is missing. */
  defaultValue: string;
}

// HTTP header names are RFC 9110 tokens; Envoy also takes pseudo-headers such as :authority (its custom tag
// header name is validated as HTTP_HEADER_NAME with strict: false, facts §12).
const HEADER_NAME = /^:?[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Span tag names are free text in Istio's API; we only refuse what cannot be a readable key.
const TAG_NAME = /^[^\s]+$/;

export const customTagSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'Enter the tag name, e.g. cluster.' })
      .max(128, { error: 'Keep tag names under 128 characters.' })
      .regex(TAG_NAME, { error: 'A tag name has no spaces.' }),
    type: z.enum(CUSTOM_TAG_TYPES, { error: 'Choose literal, environment, header or formatter.' }),
    value: z.string().trim().max(2048, { error: 'Keep this under 2048 characters.' }),
    defaultValue: z.string().max(2048, { error: 'Keep the default under 2048 characters.' }),
  })
  .superRefine((tag, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (tag.value === '') {
      issue(
        {
          literal: 'Enter the value every span gets.',
          environment: 'Enter the environment variable’s name, e.g. POD_NAME.',
          header: 'Enter the request header’s name, e.g. x-request-id.',
          formatter: 'Enter a format string, e.g. %REQUESTED_SERVER_NAME%.',
        }[tag.type],
      );
    } else if (tag.type === 'environment' && !ENV_VAR_NAME.test(tag.value)) {
      issue('An environment variable name has letters, digits and _, and does not start with a digit.');
    } else if (tag.type === 'header' && !HEADER_NAME.test(tag.value)) {
      issue(
        'A header name has letters, digits and - (no spaces; a colon only first, as in :authority), e.g. x-request-id.',
      );
    }
    if (tag.defaultValue !== '' && (tag.type === 'literal' || tag.type === 'formatter')) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultValue'],
        message: 'Only environment and header tags have a default.',
      });
    }
  });

export type CustomTag = z.output<typeof customTagSchema>;

/** Version and uniqueness rules that need the rest of the model; issues carry their path inside the tag list. */
export function customTagIssues(
  tags: readonly CustomTag[],
  istioVersion: string,
): { index: number; field: 'name' | 'type'; message: string }[] {
  const issues: { index: number; field: 'name' | 'type'; message: string }[] = [];
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    if (seen.has(tag.name)) issues.push({ index, field: 'name', message: `The tag ${tag.name} is listed twice.` });
    seen.add(tag.name);
    if (tag.type === 'formatter') {
      const refusal = versionRefusal('customTagFormatter', istioVersion);
      if (refusal) issues.push({ index, field: 'type', message: refusal });
    }
  });
  return issues;
}

const CLI_KINDS: Record<string, CustomTagType> = {
  literal: 'literal',
  env: 'environment',
  environment: 'environment',
  header: 'header',
  formatter: 'formatter',
};

/**
 * `--tag name=literal:value`, `name=header:x-request-id[:default]`, `name=env:POD_NAME[:default]`,
 * `name=formatter:%REQ(:AUTHORITY)%`. Literal values and format strings keep any further colons.
 */
export function parseTagFlag(flag: string): { ok: true; tag: CustomTagInput } | { ok: false; message: string } {
  const usage = `--tag ${flag}: write it as NAME=literal:VALUE, NAME=header:HEADER[:DEFAULT], NAME=env:VARIABLE[:DEFAULT] or NAME=formatter:FORMAT.`;
  const equals = flag.indexOf('=');
  if (equals <= 0) return { ok: false, message: usage };
  const name = flag.slice(0, equals);
  const rest = flag.slice(equals + 1);
  const colon = rest.indexOf(':');
  const type = colon < 0 ? undefined : CLI_KINDS[rest.slice(0, colon)];
  if (!type) return { ok: false, message: usage };
  const body = rest.slice(colon + 1);
  if (type === 'literal' || type === 'formatter')
    return { ok: true, tag: { name, type, value: body, defaultValue: '' } };
  const split = body.indexOf(':');
  return {
    ok: true,
    tag: {
      name,
      type,
      value: split < 0 ? body : body.slice(0, split),
      defaultValue: split < 0 ? '' : body.slice(split + 1),
    },
  };
}
