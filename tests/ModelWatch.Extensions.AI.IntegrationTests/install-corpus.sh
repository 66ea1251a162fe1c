#!/usr/bin/env bash
# Installs the text corpus of the MiniLM integration test and the embedding sample: Debian's fortune
# cookie files (package `fortunes`, fortune-mod's data, BSD licence) under /usr/share/games/fortunes.
set -euo pipefail
if [ -f /usr/share/games/fortunes/computers ] && [ -f /usr/share/games/fortunes/food ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
$sudo apt-get update >/dev/null
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y fortunes >/dev/null
echo "installed Debian's fortunes (corpus of tests/ModelWatch.Extensions.AI.IntegrationTests)"
