import CoachPolicy
import GRDB

/// The versioned schema of limber.sqlite.
///
/// Migrations only ever add: a shipped migration is never edited, tables and columns holding user
/// data are never dropped or rewritten, and `eraseDatabaseOnSchemaChange` is never set. A database
/// that lists a migration this build does not know was written by a newer limber and is refused
/// before anything is changed (see ``SessionStore/init(folder:)``).
///
/// Dates are stored as text in GRDB's default format, `YYYY-MM-DD HH:MM:SS.SSS` in UTC (for example
/// `2026-03-01 07:15:00.000`): sortable, readable, and understood by SQLite's date functions
/// (`date(started_at, 'localtime')`). Booleans are 0/1 integers; enums are snake_case text.
enum Schema {
    /// Migration identifiers in order (the newest last).
    static let versions = ["v1", "v2", "v3", "v4", "v5", "v6"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        // v1: sessions, their sets and skipped exercises.
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE session (
                    id               INTEGER PRIMARY KEY AUTOINCREMENT,
                    routine_id       TEXT    NOT NULL,
                    routine_name     TEXT    NOT NULL,
                    started_at       TEXT    NOT NULL,
                    ended_at         TEXT,
                    status           TEXT    NOT NULL DEFAULT 'in_progress',
                    pain_before      INTEGER CHECK (pain_before BETWEEN 0 AND 10),
                    pain_after       INTEGER CHECK (pain_after BETWEEN 0 AND 10),
                    leg_pain_before  INTEGER CHECK (leg_pain_before BETWEEN 0 AND 10),
                    back_pain_before INTEGER CHECK (back_pain_before BETWEEN 0 AND 10),
                    leg_pain_after   INTEGER CHECK (leg_pain_after BETWEEN 0 AND 10),
                    back_pain_after  INTEGER CHECK (back_pain_after BETWEEN 0 AND 10),
                    planned_sets     INTEGER NOT NULL DEFAULT 0 CHECK (planned_sets >= 0),
                    plan_json        TEXT
                );
                CREATE INDEX session_on_started_at ON session(started_at);
                CREATE INDEX session_on_status ON session(status);

                CREATE TABLE session_set (
                    id            INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id    INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    position      INTEGER NOT NULL CHECK (position >= 0),
                    exercise_id   TEXT    NOT NULL,
                    exercise_name TEXT    NOT NULL,
                    side          TEXT    NOT NULL,
                    set_number    INTEGER NOT NULL CHECK (set_number >= 1),
                    target_kind   TEXT    NOT NULL,
                    target_amount INTEGER NOT NULL CHECK (target_amount >= 0),
                    done_amount   INTEGER NOT NULL CHECK (done_amount >= 0),
                    pain          INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
                    spread        INTEGER NOT NULL DEFAULT 0 CHECK (spread IN (0, 1)),
                    adjustment    TEXT    NOT NULL DEFAULT 'keep',
                    reason        TEXT    NOT NULL DEFAULT '',
                    completed_at  TEXT    NOT NULL
                );
                CREATE INDEX session_set_on_session ON session_set(session_id);
                CREATE INDEX session_set_on_exercise ON session_set(exercise_id, completed_at);

                CREATE TABLE skip (
                    id          INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id  INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    position    INTEGER NOT NULL CHECK (position >= 0),
                    exercise_id TEXT    NOT NULL,
                    at          TEXT    NOT NULL
                );
                CREATE INDEX skip_on_session ON skip(session_id);
                """)
        }

        // v2: check-ins before a session (red-flag screen, since-last-session question, skipped screen).
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE check_in (
                    id           INTEGER PRIMARY KEY AUTOINCREMENT,
                    at           TEXT    NOT NULL,
                    day          TEXT    NOT NULL,
                    kind         TEXT    NOT NULL,
                    answers_json TEXT    NOT NULL DEFAULT '{}',
                    outcome      TEXT    NOT NULL,
                    session_id   INTEGER REFERENCES session(id) ON DELETE SET NULL
                );
                CREATE INDEX check_in_on_day ON check_in(day, kind);
                CREATE INDEX check_in_on_at ON check_in(at);
                """)
        }
        // v3: what a resumed session needs to continue exactly where it stopped, and what the
        // next-session policy reads: the exercise the routine planned at this position (differs
        // after a switch to the easier variant), the policy rule that fired, and the dose the
        // decision set for the remaining sets.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                ALTER TABLE session_set ADD COLUMN planned_exercise_id TEXT;
                ALTER TABLE session_set ADD COLUMN rule TEXT;
                ALTER TABLE session_set ADD COLUMN next_sets INTEGER;
                ALTER TABLE session_set ADD COLUMN next_amount INTEGER;
                """)
        }
        // v4: every set row carries the whole decision, so a row reads back into the engine's own
        // SetRecord with nothing guessed: the kind and rest of the dose left after the decision,
        // and the easier variant switched to. Rows written before are completed here, once, from
        // what they already hold: the rule from the rating (PainPolicy's order, without the rise
        // over the check-in, which older rows never recorded), the planned exercise from the first
        // set at the same position, the rest from the stored plan, the kind of a switch from the
        // next set done at that position (its own kind when none was done after it). The
        // thresholds are PainPolicy's when v4 shipped, written out: a migration never changes.
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                ALTER TABLE session_set ADD COLUMN next_kind TEXT;
                ALTER TABLE session_set ADD COLUMN next_rest INTEGER;
                ALTER TABLE session_set ADD COLUMN switched_to TEXT;
                UPDATE session_set SET rule = CASE
                        WHEN spread = 1 THEN 'spread_down_leg'
                        WHEN pain >= 8 THEN 'pain_at_stop_threshold'
                        WHEN pain > 5 THEN 'pain_above_acceptable'
                        WHEN pain > 3 THEN 'acceptable'
                        ELSE 'safe' END
                    WHERE rule IS NULL;
                UPDATE session_set SET planned_exercise_id = (
                        SELECT first.exercise_id FROM session_set AS first
                        WHERE first.session_id = session_set.session_id AND first.position = session_set.position
                        ORDER BY first.id LIMIT 1)
                    WHERE planned_exercise_id IS NULL;
                UPDATE session_set SET next_rest = COALESCE((
                        SELECT json_extract(session.plan_json, '$.items[' || session_set.position || '].dose.rest')
                        FROM session WHERE session.id = session_set.session_id), 0)
                    WHERE next_sets IS NOT NULL OR next_amount IS NOT NULL;
                UPDATE session_set SET next_kind = CASE
                        WHEN adjustment = 'switch_easier' THEN COALESCE((
                            SELECT later.target_kind FROM session_set AS later
                            WHERE later.session_id = session_set.session_id AND later.position = session_set.position
                                AND later.id > session_set.id
                            ORDER BY later.id LIMIT 1), target_kind)
                        ELSE target_kind END
                    WHERE next_sets IS NOT NULL OR next_amount IS NOT NULL;
                UPDATE session_set SET next_amount = target_amount
                    WHERE next_sets IS NOT NULL AND next_amount IS NULL;
                UPDATE session_set SET switched_to = (
                        SELECT later.exercise_id FROM session_set AS later
                        WHERE later.session_id = session_set.session_id AND later.position = session_set.position
                            AND later.id > session_set.id
                        ORDER BY later.id LIMIT 1)
                    WHERE adjustment = 'switch_easier';
                """)
        }
        // v5 (issue 11): where the pain reaches and which way it moves. Each set's "moved up toward
        // my back" mark (centralisation; 0 for every older row, which could not have it), why an
        // exercise was skipped partway (NULL: not asked, as for every older row), and how far down
        // the leg the pain reached before and after the session (NULL: not asked). Only adds.
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                ALTER TABLE session_set ADD COLUMN toward_back INTEGER NOT NULL DEFAULT 0 CHECK (toward_back IN (0, 1));
                ALTER TABLE skip ADD COLUMN reason TEXT;
                ALTER TABLE session ADD COLUMN reach_before TEXT;
                ALTER TABLE session ADD COLUMN reach_after TEXT;
                """)
        }
        // v6 (issue 14): the weekly outcome measures. One row per weekly check-in (the PEG's three
        // items, NULL when skipped; a row with no PEG and no ratings is an offer the person skipped,
        // which still counts as that week's offer), the PSFS ratings of each check-in with the
        // activity's words as they were when rated (so renaming an activity later loses no old
        // rating), and the person's activity lists: each change adds a whole new list (`list` one
        // higher), the newest list is the current one, and no older list is ever changed. Only adds.
        migrator.registerMigration("v6") { db in
            try db.execute(sql: """
                CREATE TABLE outcome_check_in (
                    id            INTEGER PRIMARY KEY AUTOINCREMENT,
                    at            TEXT    NOT NULL,
                    peg_pain      INTEGER CHECK (peg_pain BETWEEN 0 AND 10),
                    peg_enjoyment INTEGER CHECK (peg_enjoyment BETWEEN 0 AND 10),
                    peg_activity  INTEGER CHECK (peg_activity BETWEEN 0 AND 10),
                    CHECK ((peg_pain IS NULL) = (peg_enjoyment IS NULL) AND (peg_pain IS NULL) = (peg_activity IS NULL))
                );
                CREATE INDEX outcome_check_in_on_at ON outcome_check_in(at);

                CREATE TABLE psfs_rating (
                    id          INTEGER PRIMARY KEY AUTOINCREMENT,
                    check_in_id INTEGER NOT NULL REFERENCES outcome_check_in(id) ON DELETE CASCADE,
                    position    INTEGER NOT NULL CHECK (position >= 0),
                    activity    TEXT    NOT NULL,
                    rating      INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10)
                );
                CREATE INDEX psfs_rating_on_check_in ON psfs_rating(check_in_id);

                CREATE TABLE psfs_activity (
                    id       INTEGER PRIMARY KEY AUTOINCREMENT,
                    list     INTEGER NOT NULL CHECK (list >= 1),
                    position INTEGER NOT NULL CHECK (position >= 0),
                    name     TEXT    NOT NULL,
                    named_at TEXT    NOT NULL
                );
                CREATE INDEX psfs_activity_on_list ON psfs_activity(list);
                """)
        }
        return migrator
    }
}
