// Order matters: zod must be told not to probe for eval before any schema is defined.
import '../zod-config';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  generateBundle,
  generateFiles,
  generateWithTokenPlaceholder,
  modelSchema,
  validateModel,
  withMeshConfigContent,
} from '../../core/runtime';

/*
 * Everything heavy the wizard needs after its first screen: the schema (zod), the generators and the
 * YAML library. Loaded as its own chunk right after the first step is on screen.
 */
export const resolveForm = zodResolver(modelSchema);
export { generateBundle, generateFiles, generateWithTokenPlaceholder, validateModel, withMeshConfigContent };
