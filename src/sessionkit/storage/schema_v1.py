"""Database version 1: the first schema. Never edit it once released; add a migration.

Conventions (codec.py writes them):
- datetimes are ISO-8601 text with the offset the practitioner saw; `*_key` columns hold
  the same instant in UTC ("...Z") so ordering is right across clock changes and travel;
- dates are ISO text; sets are sorted JSON arrays, lists JSON arrays; enums by value.
- `cases.reference_key` is the reference NFKC-casefolded, so "ab1" and "AB1" clash for
  every alphabet (COLLATE NOCASE would fold ASCII only).

Every foreign key column has an index: deleting a case cascades through them, and SQLite
otherwise scans the whole child table once per deleted parent row.
"""

APPLICATION_ID = 0x534B4954  # "SKIT": marks the file as sessionkit's in its header.

SCHEMA_V1 = """
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    reference_key TEXT NOT NULL UNIQUE,
    care_status TEXT NOT NULL DEFAULT '[]',
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    summary TEXT NOT NULL DEFAULT ''
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    age INTEGER,
    age_band TEXT,
    communication_needs TEXT NOT NULL DEFAULT '[]',
    communication_notes TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX members_by_case ON members(case_id, id);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    owner_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    low_label TEXT NOT NULL,
    high_label TEXT NOT NULL,
    areas TEXT NOT NULL DEFAULT '[]',
    gas_levels TEXT NOT NULL DEFAULT '[]',
    weight REAL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status_changed_at TEXT
);
CREATE INDEX goals_by_case ON goals(case_id, id);
CREATE INDEX goals_by_owner ON goals(owner_member_id) WHERE owner_member_id IS NOT NULL;

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    visit_id INTEGER REFERENCES visits(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    goal_ids TEXT NOT NULL DEFAULT '[]',
    change_looks_like TEXT NOT NULL DEFAULT '',
    steps TEXT NOT NULL DEFAULT '[]',
    tools TEXT NOT NULL DEFAULT '[]',
    warming_questions TEXT NOT NULL DEFAULT '[]',
    social_graces TEXT NOT NULL DEFAULT '',
    expected_member_ids TEXT NOT NULL DEFAULT '[]',
    follow_ups TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL
);
CREATE INDEX plans_by_case ON plans(case_id, status, id);
CREATE INDEX plans_by_visit ON plans(visit_id) WHERE visit_id IS NOT NULL;

CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
    started_at TEXT NOT NULL,
    started_key TEXT NOT NULL,
    ended_at TEXT,
    entry TEXT NOT NULL,
    present_member_ids TEXT NOT NULL DEFAULT '[]',
    pack_id TEXT NOT NULL DEFAULT '',
    pack_version TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    reflection TEXT,
    case_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_by_case ON visits(case_id, started_key, id);
CREATE INDEX visits_by_plan ON visits(plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX visits_unfinished ON visits(started_key, id) WHERE ended_at IS NULL;
CREATE INDEX visits_unfinished_by_case ON visits(case_id, started_key, id)
    WHERE ended_at IS NULL;

CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    prompt_id TEXT NOT NULL,
    tool_id TEXT NOT NULL DEFAULT '',
    pack_id TEXT NOT NULL DEFAULT '',
    pack_version TEXT NOT NULL DEFAULT '',
    wording TEXT NOT NULL DEFAULT '',
    answered_by INTEGER NOT NULL REFERENCES members(id),
    on_behalf_of INTEGER REFERENCES members(id),
    value REAL,
    scale_min REAL,
    scale_max REAL,
    text TEXT NOT NULL DEFAULT '',
    items TEXT NOT NULL DEFAULT '[]',
    selected TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    change_talk TEXT,
    worry INTEGER NOT NULL DEFAULT 0,
    goal_id INTEGER REFERENCES goals(id),
    said_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    entry TEXT NOT NULL,
    edited_at TEXT
);
CREATE INDEX responses_by_visit ON responses(visit_id, id);
CREATE INDEX responses_by_answerer ON responses(answered_by);
CREATE INDEX responses_by_subject ON responses(on_behalf_of) WHERE on_behalf_of IS NOT NULL;
CREATE INDEX responses_by_goal ON responses(goal_id) WHERE goal_id IS NOT NULL;
"""
