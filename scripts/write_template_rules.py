"""Write templates/shared/rules.json, the rules the templates' hooks enforce, from scaffold's.

Run after changing scaffold/rules.py, scaffold/reserved_names.txt or the
requirements and constraints of scaffold/criteria.py; tests/test_templates.py
fails while the file is stale.
"""

import json
from pathlib import Path

from scaffold.rules import template_rules

RULES_FILE = Path(__file__).resolve().parent.parent / "templates" / "shared" / "rules.json"

if __name__ == "__main__":
    RULES_FILE.write_text(json.dumps(template_rules(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RULES_FILE}")
