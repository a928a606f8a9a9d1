#!/usr/bin/env bash
# Build last week's digest: `briefing build --week last`, with the Claude engine in message-batch
# mode (--batch, half price, results within hours) when ANTHROPIC_API_KEY is set, otherwise with
# the offline engine. Extra arguments are passed on (e.g. --out DIR, --config FILE).
#
# Exit code: briefing's own, except that 3 ("partial": the digest was written but some inputs,
# e.g. one feed, failed and are listed in its sources appendix) becomes 0 with a warning, so a
# scheduler does not treat a written digest as a failed job. DIGEST_STRICT=1 keeps the 3.
# DIGEST_DRY_RUN=1 prints the command instead of running it.
set -euo pipefail

briefing=${BRIEFING:-briefing}
args=(build --week last)
if [[ -n "${ANTHROPIC_API_KEY:-}" ]]; then
  args+=(--engine anthropic --batch)
else
  echo "run-digest: ANTHROPIC_API_KEY is not set; using the offline engine" >&2
  args+=(--engine offline)
fi
args+=("$@")

if [[ "${DIGEST_DRY_RUN:-0}" == 1 ]]; then
  printf '%s\n' "$briefing ${args[*]}"
  exit 0
fi

status=0
"$briefing" "${args[@]}" || status=$?
if [[ $status -eq 3 && "${DIGEST_STRICT:-0}" != 1 ]]; then
  echo "run-digest: the digest was written, but some inputs failed (see its Sources section)" >&2
  exit 0
fi
exit "$status"
