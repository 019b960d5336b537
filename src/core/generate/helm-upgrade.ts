import { resolveSetup } from '../setup/resolved-setup';
import type { Model } from '../model';
import { MESH_CONFIG_FILE_NAME } from './mesh-config';
import { shellQuote } from './shell-quote';

/*
 * `helm upgrade` without --version takes the newest chart in the local repository, so a mesh-config
 * change could upgrade istiod itself (Helm docs, `helm upgrade --version`: "if this is not specified, the
 * latest version is used"). The command pins the chart the release already runs, read from the release
 * (`helm list -o json` prints "chart":"istiod-<version>"), and stops when it cannot find it: an empty
 * --version would again mean "latest".
 */

/** One line a person can paste: reads the installed chart version, then upgrades to that same version. */
export function pinnedHelmUpgradeCommand(model: Model): string {
  const { helmRelease: release, istiodNamespace } = resolveSetup(model).controlPlane;
  const ns = shellQuote(istiodNamespace);
  const read = `ISTIOD_CHART_VERSION="$(helm list -n ${ns} -f '^${release}$' -o json | sed -n 's/.*"chart":"istiod-\\([^"]*\\)".*/\\1/p')"`;
  const upgrade = `helm upgrade ${release} istio/istiod -n ${ns} --version "$ISTIOD_CHART_VERSION" --reuse-values -f ${MESH_CONFIG_FILE_NAME}`;
  const missing = `echo ${shellQuote(`No Helm release ${release} with the istiod chart in ${istiodNamespace}: check helm list -n ${istiodNamespace} and use your release name.`)} >&2; false`;
  return `${read}; if [ -n "$ISTIOD_CHART_VERSION" ]; then ${upgrade}; else ${missing}; fi`;
}
