#!/usr/bin/env bash
# Collects what the wizard’s Verify step (step 6) checks, into one file. Read-only: it runs kubectl get and logs,
# istioctl analyze and proxy-config, and changes nothing in the cluster.
# Usage: ./collect.sh [<proxy> <namespace>]
#   <proxy>: the workload whose sidecar (or waypoint) is checked, e.g. deploy/my-app; by default the first pod
#   with a sidecar that this configuration traces.
# Then drop dt-istio-collect.txt on the Verify step (or paste it). It may hold your API token if the mesh
# config carries it: the page masks tokens and keeps everything in the browser; do not share the file.
set -uo pipefail
cd "$(dirname "$0")"
OUT="${OUT:-dt-istio-collect.txt}"
: > "$OUT"

# One section per command, under the line the Verify step splits on. stderr stays on the terminal.
collect() {
  printf '%s%s%s\n' '# ----- dt-istio-collect: ' "$1" ' -----' >> "$OUT"
  echo "--> $1" >&2
  eval "$1" >> "$OUT" || echo "    (exited with $?; its section may be incomplete)" >&2
  # The next section line starts a line of its own, whatever the output ended with.
  if [ -n "$(tail -c 1 "$OUT")" ]; then echo >> "$OUT"; fi
}

collect 'kubectl -n istio-system get configmap istio -o yaml'
collect 'kubectl get telemetry -A -o yaml'
collect 'kubectl -n istio-system logs deploy/istiod --since=30m'
collect 'istioctl analyze -A -i istio-system'
collect 'kubectl -n dynatrace get dynakube dynakube -o yaml'

TARGET="${1:-}"
TARGET_NS="${2:-}"
if [ -z "$TARGET" ]; then
  found="$(kubectl get pods -A -l security.istio.io/tlsMode=istio -o jsonpath='{range .items[0]}{.metadata.namespace} {.metadata.name}{end}' 2>/dev/null || true)"
  if [ -n "$found" ]; then TARGET_NS="${found%% *}"; TARGET="${found#* }"; fi
fi
if [ -n "$TARGET" ]; then
  q_target="$(printf %q "$TARGET")"
  q_ns="$(printf %q "$TARGET_NS")"
  collect "istioctl proxy-config cluster $q_target -n $q_ns -o json"
  collect "istioctl proxy-config listener $q_target -n $q_ns -o json"
  collect "kubectl -n $q_ns logs $q_target -c istio-proxy --since=30m"
else
  echo 'No proxy found to check: run ./collect.sh <proxy> <namespace> (e.g. deploy/my-app shop) for the proxy checks.' >&2
fi

echo "Wrote $OUT. Drop it on the wizard’s Verify step (step 6), or paste its content there." >&2
