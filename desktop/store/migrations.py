"""The schema, changed only through numbered migrations.

`PRAGMA user_version` holds the number of the last migration applied. Each
migration runs in one transaction together with the bump of user_version, so a
crash mid-upgrade leaves the file at the previous version, intact. Append new
migrations; never edit a released one (tests open a database from every
released version, kept in tests/data/).
"""

from __future__ import annotations

import sqlite3

V1 = [
    """CREATE TABLE project (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        ext_id TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'todo'
            CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
        source TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX documents_ext_id ON documents (ext_id)",
    "CREATE INDEX documents_status ON documents (status, id)",
    """CREATE TABLE tokens (
        doc_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        tokenizer TEXT NOT NULL,
        starts BLOB NOT NULL,
        ends BLOB NOT NULL
    )""",
    """CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start INTEGER NOT NULL CHECK (start >= 0),
        "end" INTEGER NOT NULL CHECK ("end" > start),
        label TEXT NOT NULL,
        layer TEXT NOT NULL DEFAULT 'entity',
        source TEXT NOT NULL CHECK (source IN ('model', 'annotator', 'import')),
        state TEXT NOT NULL CHECK (state IN ('suggested', 'accepted', 'rejected')),
        annotator TEXT,
        model TEXT,
        corrected INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    'CREATE UNIQUE INDEX spans_identity ON spans (doc_id, layer, start, "end", label)',
    """CREATE TABLE preannotations (
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        spans INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (doc_id, model)
    )""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        trigger_span_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        annotator TEXT,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX events_doc ON events (doc_id)",
    """CREATE TABLE event_arguments (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        span_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        UNIQUE (event_id, span_id, role)
    )""",
    """CREATE TABLE doc_labels (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        annotator TEXT,
        UNIQUE (doc_id, label)
    )""",
    # One row per user action: who did what, when; `undone` drives undo/redo.
    """CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        annotator TEXT,
        name TEXT NOT NULL,
        doc_id INTEGER,
        detail TEXT,
        undoable INTEGER NOT NULL DEFAULT 1,
        -- 0: in effect; n > 0: the n-th undo (redo takes the largest); -1: past redo
        undone INTEGER NOT NULL DEFAULT 0
    )""",
    # Every row change an action made: the undo log and the audit trail.
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES actions (id),
        tbl TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        before TEXT,
        after TEXT
    )""",
    "CREATE INDEX history_action ON history (action_id)",
    "CREATE INDEX spans_doc ON spans (doc_id, start)",
]

# The document list (issue 3): full-text search, counts by status and the last change,
# all kept by the database itself so a list over a million documents never scans them.
V2 = [
    # External content: the text is stored once, in `documents`; the triggers keep the index
    # in step. remove_diacritics 2 lets "Almaty" find "Almatý" and "cafe" find "café".
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content = 'documents', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    # Documents per status, so progress and the list's size are one read, not a count.
    "CREATE TABLE status_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID",
    """INSERT INTO status_counts (status, n)
        SELECT s.column1, (SELECT COUNT(*) FROM documents WHERE status = s.column1)
        FROM (VALUES ('todo'), ('in_progress'), ('done'), ('skipped')) AS s""",
    """CREATE TRIGGER status_counts_insert AFTER INSERT ON documents BEGIN
        UPDATE status_counts SET n = n + 1 WHERE status = new.status;
    END""",
    """CREATE TRIGGER status_counts_delete AFTER DELETE ON documents BEGIN
        UPDATE status_counts SET n = n - 1 WHERE status = old.status;
    END""",
    """CREATE TRIGGER status_counts_update AFTER UPDATE OF status ON documents
        WHEN old.status != new.status BEGIN
        UPDATE status_counts SET n = n - 1 WHERE status = old.status;
        UPDATE status_counts SET n = n + 1 WHERE status = new.status;
    END""",
    # When an annotator last acted on a document (undo and redo included; imports and
    # pre-annotation are not an annotator's change). Derived from `actions`, never undone.
    # '' for never: a NULL would match neither = nor < in the list's keyset queries.
    "ALTER TABLE documents ADD COLUMN changed_at TEXT NOT NULL DEFAULT ''",
    """UPDATE documents SET changed_at = (SELECT MAX(at) FROM actions WHERE doc_id = documents.id)
        WHERE id IN (SELECT doc_id FROM actions)""",
    """CREATE TRIGGER documents_changed AFTER INSERT ON actions WHEN new.doc_id IS NOT NULL BEGIN
        UPDATE documents SET changed_at = new.at WHERE id = new.doc_id;
    END""",
    # The list's sort orders, each walked in index order page by page (see store/listing.py).
    "CREATE INDEX documents_title ON documents (title COLLATE NOCASE, id)",
    "CREATE INDEX documents_changed ON documents (changed_at, id)",
]

# Identity (issue 8): what tells a Spandesk project from any other SQLite file, checked
# before anything writes (see store/identity.py). application_id 0x53706E44 is "SpnD" in
# ASCII. The project id is a random UUID (version 4) made once, here, for new and old
# projects alike; copies and backups keep it, so two files of one project can be told apart
# from two projects. SQLite has no uuid(): the hex of randomblob() (SQLite's CSPRNG, seeded
# from the OS) with the version nibble 4 and the variant bits 10.
V3 = [
    "PRAGMA application_id = 1399877188",
    """INSERT INTO project (key, value) SELECT 'project_id',
        lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
        || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-'
        || lower(hex(randomblob(6)))
        WHERE true  -- SQLite needs a WHERE before an upsert's ON CONFLICT after a SELECT
    ON CONFLICT (key) DO NOTHING""",
]


# V4: the writer rules (see store/writers.py). Who is writing; documents an import has
# stored but not yet published (its file is not complete): every reader leaves them out,
# and status_counts does not count them until `staged` lets go of them; documents a
# pre-annotation run has claimed, so a second run takes others.
V4 = [
    """CREATE TABLE writers (
        id INTEGER PRIMARY KEY,
        what TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        annotator TEXT,
        since TEXT NOT NULL,
        action_id INTEGER,
        -- one per process run: a pid reused after a crash is not taken for the same process
        token TEXT NOT NULL DEFAULT ''
    )""",
    # No cascade from writers: a writer's staged documents are deleted before the writer.
    """CREATE TABLE staged (
        doc_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        writer INTEGER NOT NULL REFERENCES writers (id),
        status TEXT NOT NULL
    )""",
    "CREATE INDEX staged_writer ON staged (writer)",
    # status_counts counted the document when it was inserted: take it back while it is
    # staged, give it back when it is published. Deleting a staged document takes one off
    # (documents' trigger) and gives one back (this one, by the cascade): net zero.
    """CREATE TRIGGER staged_insert AFTER INSERT ON staged BEGIN
        UPDATE status_counts SET n = n - 1 WHERE status = new.status;
    END""",
    """CREATE TRIGGER staged_delete AFTER DELETE ON staged BEGIN
        UPDATE status_counts SET n = n + 1 WHERE status = old.status;
    END""",
    """CREATE TABLE claims (
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        writer INTEGER NOT NULL REFERENCES writers (id) ON DELETE CASCADE,
        PRIMARY KEY (doc_id, model)
    )""",
    "CREATE INDEX claims_writer ON claims (writer)",
]

# V_KINDS (issue 10): the annotation kinds beyond spans and events. Each row names the
# document it belongs to, so a document's rows are one indexed read. A span or event that
# goes takes its rows with it; the app removes them first, in history (store/dependents.py),
# so the cascades below only ever act on unlogged bulk deletes (a discarded import).
V_KINDS = [
    """CREATE TABLE relations (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        head_span_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
        child_span_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
        head_role TEXT NOT NULL DEFAULT 'Arg1',
        child_role TEXT NOT NULL DEFAULT 'Arg2',
        annotator TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (head_span_id, child_span_id, label)
    )""",
    "CREATE INDEX relations_doc ON relations (doc_id)",
    "CREATE INDEX relations_child ON relations (child_span_id)",
    # On a span or on an event, never both; value NULL: a binary attribute that is set.
    """CREATE TABLE attributes (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        span_id INTEGER REFERENCES spans (id) ON DELETE CASCADE,
        event_id INTEGER REFERENCES events (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value TEXT,
        annotator TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((span_id IS NULL) != (event_id IS NULL))
    )""",
    "CREATE INDEX attributes_doc ON attributes (doc_id)",
    # One value per attribute name and target (brat's rule); NULLs are distinct in a plain
    # UNIQUE, hence one partial index per kind of target.
    "CREATE UNIQUE INDEX attributes_span ON attributes (span_id, name) WHERE span_id IS NOT NULL",
    "CREATE UNIQUE INDEX attributes_event ON attributes (event_id, name) WHERE event_id IS NOT NULL",
    # A note on at most one thing; none: a note on the document.
    """CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        span_id INTEGER REFERENCES spans (id) ON DELETE CASCADE,
        event_id INTEGER REFERENCES events (id) ON DELETE CASCADE,
        relation_id INTEGER REFERENCES relations (id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'AnnotatorNotes',
        text TEXT NOT NULL,
        annotator TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((span_id IS NOT NULL) + (event_id IS NOT NULL) + (relation_id IS NOT NULL) <= 1)
    )""",
    "CREATE INDEX notes_doc ON notes (doc_id)",
    """CREATE TABLE normalisations (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        span_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
        resource TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'Reference',
        annotator TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (span_id, resource, key)
    )""",
    "CREATE INDEX normalisations_doc ON normalisations (doc_id)",
    """CREATE TABLE equivalences (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        annotator TEXT,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX equivalences_doc ON equivalences (doc_id)",
    """CREATE TABLE equivalence_members (
        id INTEGER PRIMARY KEY,
        equivalence_id INTEGER NOT NULL REFERENCES equivalences (id) ON DELETE CASCADE,
        span_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
        UNIQUE (equivalence_id, span_id)
    )""",
    "CREATE INDEX equivalence_members_span ON equivalence_members (span_id)",
    # The lookups a span's, event's or relation's deletion makes (store/dependents.py);
    # attributes use their partial unique indexes.
    "CREATE INDEX notes_span ON notes (span_id)",
    "CREATE INDEX notes_event ON notes (event_id)",
    "CREATE INDEX notes_relation ON notes (relation_id)",
]

# V_TEAMS (issue 11): the team layers. The master's own spans, events, document labels and
# statuses are the adjudicated (gold) layer; each merged annotator's version of a document
# lives beside it here, keyed by (doc_id, annotator), written by store/team.py inside a
# merge's action (history rows, so one undo takes a whole merge back). No foreign keys
# between team rows: SQLite's cascades would delete past history; store/team.py removes a
# version's rows itself, logged. `team_assignments` records what `assign` handed out.
V_TEAMS = [
    """CREATE TABLE team_sources (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        project_id TEXT,
        annotator TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        documents INTEGER NOT NULL,
        merged_at TEXT NOT NULL
    )""",
    "CREATE INDEX team_sources_fingerprint ON team_sources (annotator, fingerprint)",
    """CREATE TABLE team_docs (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        status TEXT NOT NULL,
        changed_at TEXT NOT NULL DEFAULT '',
        seconds REAL,
        fingerprint TEXT NOT NULL,
        UNIQUE (doc_id, annotator)
    )""",
    "CREATE INDEX team_docs_annotator ON team_docs (annotator, status)",
    """CREATE TABLE team_spans (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        layer TEXT NOT NULL,
        source TEXT NOT NULL,
        state TEXT NOT NULL,
        corrected INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX team_spans_doc ON team_spans (doc_id, annotator)",
    """CREATE TABLE team_events (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        trigger_span_id INTEGER NOT NULL,
        type TEXT NOT NULL
    )""",
    "CREATE INDEX team_events_doc ON team_events (doc_id, annotator)",
    """CREATE TABLE team_arguments (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL,
        span_id INTEGER NOT NULL,
        role TEXT NOT NULL
    )""",
    "CREATE INDEX team_arguments_event ON team_arguments (event_id)",
    """CREATE TABLE team_doc_labels (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        label TEXT NOT NULL
    )""",
    "CREATE INDEX team_doc_labels_doc ON team_doc_labels (doc_id, annotator)",
    """CREATE TABLE team_assignments (
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        overlap INTEGER NOT NULL,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, annotator)
    ) WITHOUT ROWID""",
]

# V_TEAMS2 (issue 11, second part): each merged annotator's relations, beside their spans.
# Head and child are rows of team_spans (the same annotator's version); no foreign keys,
# as in V_TEAMS: store/team.py removes a version's rows itself, logged.
V_TEAMS2 = [
    """CREATE TABLE team_relations (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        head_span_id INTEGER NOT NULL,
        child_span_id INTEGER NOT NULL,
        label TEXT NOT NULL,
        head_role TEXT NOT NULL DEFAULT 'Arg1',
        child_role TEXT NOT NULL DEFAULT 'Arg2'
    )""",
    "CREATE INDEX team_relations_doc ON team_relations (doc_id, annotator)",
]

# V_LEARN (issue 13): the model suggests events too. Events and their arguments get a state
# and a source like spans (what exists already was decided by someone: accepted; an event's
# source is its trigger's, an argument's its event's); a model's confidence is kept on every
# suggestion (`score`, NULL where the model gives none), for the hover and the uncertainty order.
V_LEARN = [
    """ALTER TABLE events ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'
        CHECK (state IN ('suggested', 'accepted', 'rejected'))""",
    """ALTER TABLE events ADD COLUMN source TEXT NOT NULL DEFAULT 'annotator'
        CHECK (source IN ('model', 'annotator', 'import'))""",
    "ALTER TABLE events ADD COLUMN model TEXT",
    "ALTER TABLE events ADD COLUMN score REAL",
    "UPDATE events SET source = (SELECT s.source FROM spans s WHERE s.id = events.trigger_span_id)",
    """ALTER TABLE event_arguments ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'
        CHECK (state IN ('suggested', 'accepted', 'rejected'))""",
    """ALTER TABLE event_arguments ADD COLUMN source TEXT NOT NULL DEFAULT 'annotator'
        CHECK (source IN ('model', 'annotator', 'import'))""",
    "ALTER TABLE event_arguments ADD COLUMN model TEXT",
    "ALTER TABLE event_arguments ADD COLUMN score REAL",
    "UPDATE event_arguments SET source = (SELECT e.source FROM events e WHERE e.id = event_arguments.event_id)",
    "ALTER TABLE spans ADD COLUMN score REAL",
    # One event of a type per trigger span, so a second suggestion run finds the first's.
    "CREATE INDEX events_trigger ON events (trigger_span_id, type)",
]

# V_LEARN2 (issue 13): a trained model suggests document labels too. A document label gets a
# state (rows from before are the annotators': accepted), the model that suggested it and
# its score; a suggestion rejected stays, so pre-annotating again does not suggest it anew.
V_LEARN2 = [
    """ALTER TABLE doc_labels ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'
        CHECK (state IN ('suggested', 'accepted', 'rejected'))""",
    "ALTER TABLE doc_labels ADD COLUMN model TEXT",
    "ALTER TABLE doc_labels ADD COLUMN score REAL",
]

# V_EVARGS (issue 10): an event argument may be another event (brat's `Theme:E12`). Its
# span_id stays the argument event's trigger (what every reader of spans and arcs uses);
# arg_event_id says which event it is, as events may share a trigger and type. The app
# removes such arguments through history before their event goes (store/dependents.py).
V_EVARGS = [
    "ALTER TABLE event_arguments ADD COLUMN arg_event_id INTEGER REFERENCES events (id) ON DELETE CASCADE",
    "CREATE INDEX event_arguments_arg_event ON event_arguments (arg_event_id)",
]

# V_EVARGS2 (issue 10): the same in each annotator's team layer. A team argument that is
# another event names that annotator's team_events row (no foreign key, as in V_TEAMS:
# store/team.py removes a version's rows itself, logged); its span_id stays the trigger's.
V_EVARGS2 = [
    "ALTER TABLE team_arguments ADD COLUMN arg_event_id INTEGER",
]

MIGRATIONS: list[list[str]] = [V1, V2, V3, V4, V_KINDS, V_TEAMS, V_TEAMS2, V_LEARN, V_LEARN2, V_EVARGS, V_EVARGS2]
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to LATEST; returns the version it had before."""
    before = version(conn)
    for number in range(before + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) >= number:  # another process opening the file did it meanwhile
                conn.execute("COMMIT")
                continue
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return before
