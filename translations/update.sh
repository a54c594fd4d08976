#!/usr/bin/env bash
# Refresh the .ts catalogues from the source and compile them to .qm.
# Translators edit translations/kiosk_<lang>.ts (by hand or with pyside6-linguist), then
# run this again; tests/test_translations.py fails when a .qm is stale or a string is
# missing or unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find kiosk -name '*.py' | sort)
for lang in de pl nl fr es; do
    uv run pyside6-lupdate -silent -no-obsolete -locations none "${sources[@]}" -ts "translations/kiosk_${lang}.ts"
    uv run pyside6-lrelease -silent "translations/kiosk_${lang}.ts" -qm "translations/kiosk_${lang}.qm"
done
# English needs a catalogue only for plural forms ("1 attempt" / "2 attempts").
uv run pyside6-lupdate -silent -no-obsolete -locations none -pluralonly "${sources[@]}" -ts translations/kiosk_en.ts
uv run pyside6-lrelease -silent translations/kiosk_en.ts -qm translations/kiosk_en.qm
