"""Schema migrations, applied in order and tracked by ``PRAGMA user_version``.

Append new migrations; never edit one that has shipped. Every table that holds anything
about a user references ``users(user_key)`` with ``ON DELETE CASCADE`` so ``/forget`` is one
DELETE and leaves no row behind.
"""

MIGRATIONS: list[str] = [
    # 1: the core tables.
    """
    CREATE TABLE users (
        user_key      TEXT PRIMARY KEY,
        locale        TEXT,
        tz            TEXT,
        country       TEXT,
        settings      TEXT NOT NULL DEFAULT '{}',
        created_at    INTEGER NOT NULL,
        last_seen_at  INTEGER NOT NULL,
        unreachable   INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE conversations (
        user_key    TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        chat_id     TEXT NOT NULL,
        flow        TEXT,
        step        TEXT,
        data        TEXT NOT NULL DEFAULT '{}',
        version     INTEGER NOT NULL,
        expires_at  INTEGER,
        updated_at  INTEGER NOT NULL,
        PRIMARY KEY (user_key, chat_id)
    ) WITHOUT ROWID;
    CREATE TABLE journal (
        id               TEXT PRIMARY KEY,
        user_key         TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        created_at       INTEGER NOT NULL,
        topic            TEXT NOT NULL,
        route            TEXT,
        intensity        INTEGER,
        intensity_after  INTEGER,
        text             TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX journal_by_user ON journal(user_key, created_at);
    CREATE TABLE scheduled (
        id          INTEGER PRIMARY KEY,
        user_key    TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        chat_id     TEXT NOT NULL,
        kind        TEXT NOT NULL,
        due_at      INTEGER NOT NULL,
        payload     TEXT NOT NULL DEFAULT '{}',
        status      TEXT NOT NULL DEFAULT 'pending',
        claimed_by  TEXT,
        claimed_at  INTEGER,
        attempts    INTEGER NOT NULL DEFAULT 0,
        created_at  INTEGER NOT NULL,
        done_at     INTEGER,
        note        TEXT
    );
    CREATE INDEX scheduled_due ON scheduled(status, due_at);
    CREATE INDEX scheduled_by_user ON scheduled(user_key, status);
    CREATE TABLE safety_plans (
        user_key    TEXT PRIMARY KEY REFERENCES users(user_key) ON DELETE CASCADE,
        data        TEXT NOT NULL DEFAULT '{}',
        updated_at  INTEGER NOT NULL
    );
    CREATE TABLE tips_sent (
        user_key  TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        tip       TEXT NOT NULL,
        sent_at   INTEGER NOT NULL
    );
    CREATE INDEX tips_sent_by_user ON tips_sent(user_key, sent_at);
    CREATE TABLE meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    """,
    # 2 (branch reliability): how often a dead worker's claim on an item was taken over; attempts
    # now count failed sends only, so a crash never uses up a follow-up (storage/sqlite/scheduled.py).
    """
    ALTER TABLE scheduled ADD COLUMN takeovers INTEGER NOT NULL DEFAULT 0;
    """,
    # 3 (branch postgres): what lets several workers share one database. A lease names the one
    # worker that may hold a platform connection (Telegram long polling, a Discord shard) until it
    # expires; seen_updates drops a platform update delivered twice (webhook retries, a takeover).
    """
    CREATE TABLE leases (
        name        TEXT PRIMARY KEY,
        holder      TEXT NOT NULL,
        expires_at  INTEGER NOT NULL
    );
    CREATE TABLE seen_updates (
        key      TEXT PRIMARY KEY,
        seen_at  INTEGER NOT NULL
    );
    CREATE INDEX seen_updates_by_time ON seen_updates(seen_at);
    """,
    # branch circles (issue 13): support circles. Self-contained: no column of another table changes.
    # A circle is a group chat or channel, never a user: nothing here holds a user key. A day's
    # presses are keyed by HMAC(day secret, user); closing the day deletes the secret and the
    # presses and keeps only the totals, so nothing left can be joined back to a person.
    """
    CREATE TABLE circles (
        circle_key       TEXT PRIMARY KEY,
        platform         TEXT NOT NULL,
        chat_id          TEXT NOT NULL,
        locale           TEXT NOT NULL,
        tz               TEXT NOT NULL,
        checkin_time     TEXT NOT NULL,
        next_checkin_at  INTEGER NOT NULL,
        created_at       INTEGER NOT NULL
    );
    CREATE INDEX circles_due ON circles(next_checkin_at);
    CREATE TABLE circle_checkins (
        id          INTEGER PRIMARY KEY,
        circle_key  TEXT NOT NULL REFERENCES circles(circle_key) ON DELETE CASCADE,
        day         TEXT NOT NULL,
        post_ref    TEXT,
        secret      BLOB,
        posted_at   INTEGER NOT NULL,
        closes_at   INTEGER NOT NULL,
        closed      INTEGER NOT NULL DEFAULT 0,
        totals      TEXT NOT NULL DEFAULT '{}',
        UNIQUE (circle_key, day)
    );
    CREATE INDEX circle_checkins_open ON circle_checkins(closed, closes_at);
    CREATE TABLE circle_presses (
        checkin_id  INTEGER NOT NULL REFERENCES circle_checkins(id) ON DELETE CASCADE,
        voter       BLOB NOT NULL,
        answer      INTEGER NOT NULL,
        PRIMARY KEY (checkin_id, voter)
    ) WITHOUT ROWID;
    """,
    # branch circles-ask (issue 13, parts 3-4): asking a circle, membership, blocked authors, quotas.
    # Membership is the user's own row (it cascades with /forget and with /circle off) and is never
    # shown to the circle. A live ask holds its asker only sealed (``asker``) and is deleted, with its
    # answers, when it ends; answers are keyed by HMAC(post secret, user). ``author`` is
    # HMAC(circle's author secret, user): blocked authors and the day's quota are kept by it alone.
    """
    ALTER TABLE circles ADD COLUMN title TEXT;
    ALTER TABLE circles ADD COLUMN ask_cap INTEGER NOT NULL DEFAULT 10;
    ALTER TABLE circles ADD COLUMN author_secret BLOB;
    CREATE TABLE circle_members (
        user_key    TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        circle_key  TEXT NOT NULL REFERENCES circles(circle_key) ON DELETE CASCADE,
        joined_at   INTEGER NOT NULL,
        PRIMARY KEY (user_key, circle_key)
    ) WITHOUT ROWID;
    CREATE INDEX circle_members_by_circle ON circle_members(circle_key);
    CREATE TABLE circle_asks (
        id          INTEGER PRIMARY KEY,
        circle_key  TEXT NOT NULL REFERENCES circles(circle_key) ON DELETE CASCADE,
        code        TEXT NOT NULL UNIQUE,
        text        TEXT NOT NULL,
        asker       TEXT NOT NULL,
        author      BLOB NOT NULL,
        secret      BLOB NOT NULL,
        post_ref    TEXT,
        posted_at   INTEGER NOT NULL,
        closes_at   INTEGER NOT NULL
    );
    CREATE INDEX circle_asks_closing ON circle_asks(closes_at);
    CREATE TABLE circle_ask_answers (
        ask_id  INTEGER NOT NULL REFERENCES circle_asks(id) ON DELETE CASCADE,
        voter   BLOB NOT NULL,
        answer  TEXT NOT NULL,
        PRIMARY KEY (ask_id, voter)
    ) WITHOUT ROWID;
    CREATE TABLE circle_ask_quota (
        circle_key  TEXT NOT NULL REFERENCES circles(circle_key) ON DELETE CASCADE,
        day         TEXT NOT NULL,
        author      BLOB NOT NULL,
        PRIMARY KEY (circle_key, day, author)
    ) WITHOUT ROWID;
    CREATE TABLE circle_blocked (
        circle_key  TEXT NOT NULL REFERENCES circles(circle_key) ON DELETE CASCADE,
        author      BLOB NOT NULL,
        blocked_at  INTEGER NOT NULL,
        told        INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (circle_key, author)
    ) WITHOUT ROWID;
    """,
    # branch rooms (issue 14): private help rooms. A room is a neutral code; room_owners is the only
    # code -> user mapping and goes with the user (/forget) or with the room. A room whose owner row
    # is gone is closed and deleted on the pump's next run. Helpers' keys are kept only while they
    # are in a room (room_claims), to add and remove them.
    """
    CREATE TABLE room_helpers (
        circle_key      TEXT PRIMARY KEY,
        platform        TEXT NOT NULL,
        place           TEXT NOT NULL,
        role            TEXT,
        retention_days  INTEGER NOT NULL DEFAULT 3,
        cap             INTEGER NOT NULL DEFAULT 5,
        created_at      INTEGER NOT NULL
    );
    CREATE TABLE rooms (
        code             TEXT PRIMARY KEY,
        circle_key       TEXT NOT NULL,
        platform         TEXT NOT NULL,
        place            TEXT NOT NULL,
        thread           TEXT,
        card             TEXT,
        state            TEXT NOT NULL,
        step             TEXT,
        summary          TEXT NOT NULL DEFAULT '',
        help             TEXT,
        flagged          INTEGER NOT NULL DEFAULT 0,
        pinged           INTEGER NOT NULL DEFAULT 0,
        locale           TEXT NOT NULL,
        retention_days   INTEGER NOT NULL DEFAULT 3,
        created_at       INTEGER NOT NULL,
        last_message_at  INTEGER NOT NULL,
        closed_at        INTEGER,
        due_at           INTEGER
    );
    CREATE INDEX rooms_due ON rooms(due_at);
    CREATE INDEX rooms_by_thread ON rooms(platform, place, thread);
    CREATE TABLE room_owners (
        code      TEXT PRIMARY KEY REFERENCES rooms(code) ON DELETE CASCADE,
        user_key  TEXT NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
        chat_id   TEXT NOT NULL
    );
    CREATE INDEX room_owners_by_user ON room_owners(user_key);
    CREATE TABLE room_claims (
        code    TEXT NOT NULL REFERENCES rooms(code) ON DELETE CASCADE,
        helper  TEXT NOT NULL,
        number  INTEGER NOT NULL,
        name    TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (code, helper)
    );
    CREATE INDEX room_claims_by_helper ON room_claims(helper);
    """,
    # branch postgres (issue 12): an update's life in seen_updates. A webhook worker claims it (who,
    # when, in ms) before handling; the engine's unit of work records it as applied, with the replies
    # still to send (sealed), in the same transaction as the state change; ``done`` once they went out.
    # Rows from before (done = 1) were handled.
    """
    ALTER TABLE seen_updates ADD COLUMN claimed_by TEXT;
    ALTER TABLE seen_updates ADD COLUMN claimed_at INTEGER;
    ALTER TABLE seen_updates ADD COLUMN done INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE seen_updates ADD COLUMN replies TEXT;
    """,
    # branch review-storage: an applied update's row names the user its stored replies answer (they
    # may quote the user's words, or carry a /mydata export), so /forget can drop them; cleared once done.
    """
    ALTER TABLE seen_updates ADD COLUMN user_key TEXT;
    CREATE INDEX seen_updates_by_user ON seen_updates(user_key);
    """,
    # branch circles-mod (issue 13, part 4): moderation without unmasking, and the check-in's
    # resilience. Nothing here holds a user key: a report's author is the ask's author key (HMAC of
    # the circle's author secret, branch circles-ask); who reported is HMAC(the ask's secret, member),
    # deleted with the ask however it ends (cascade). Blocks live in circles-ask's ``circle_blocked``.
    """
    CREATE TABLE circle_mod_places (
        circle_key   TEXT PRIMARY KEY REFERENCES circles(circle_key) ON DELETE CASCADE,
        mod_chat_id  TEXT NOT NULL
    );
    CREATE TABLE circle_mod_links (
        code        TEXT PRIMARY KEY,
        circle_key  TEXT NOT NULL REFERENCES circles(circle_key) ON DELETE CASCADE,
        expires_at  INTEGER NOT NULL
    );
    CREATE TABLE circle_reports (
        ask_id      INTEGER NOT NULL REFERENCES circle_asks(id) ON DELETE CASCADE,
        reporter    BLOB NOT NULL,
        PRIMARY KEY (ask_id, reporter)
    ) WITHOUT ROWID;
    CREATE TABLE circle_report_notes (
        post_key    TEXT PRIMARY KEY,
        circle_key  TEXT NOT NULL REFERENCES circles(circle_key) ON DELETE CASCADE,
        code        TEXT NOT NULL,
        author      BLOB NOT NULL,
        note_ref    TEXT,
        reports     INTEGER NOT NULL DEFAULT 0,
        outcome     TEXT
    );
    CREATE TABLE circle_edit_marks (
        edit_key  TEXT PRIMARY KEY,
        last_ms   INTEGER NOT NULL
    );
    ALTER TABLE circle_checkins ADD COLUMN post_tries INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE circle_checkins ADD COLUMN retry_at INTEGER;
    CREATE INDEX circle_checkins_retry ON circle_checkins(retry_at);
    """,
    # branch reliab (issue 12): each pumping worker's heartbeat, in the database's own clock. An item
    # claimed by a worker whose heartbeat is stale (it died) is taken over at once, not after the lease.
    """
    CREATE TABLE pump_workers (
        name     TEXT PRIMARY KEY,
        beat_at  INTEGER NOT NULL
    );
    """,
]
