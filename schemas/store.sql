-- gazette-extract store. Every record row carries provenance: source (file base name),
-- line/end_line (1-based source lines), start/end (character offsets into the decoded
-- source), and for PDF sources page/bbox (JSON [x0, top, x1, bottom] in PDF points).

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,          -- base name, the `source` of every record
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,           -- of the raw bytes; an unchanged source is skipped on rebuild
    encoding TEXT,
    kind TEXT,                      -- text | markdown | pdf
    bytes INTEGER,
    lines INTEGER,
    pages INTEGER,
    documents INTEGER,
    provisions INTEGER,
    warnings TEXT                   -- JSON list
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    name TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT,
    error TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sections (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,             -- documents | interpretation | press | chronicle | toc | other
    title TEXT,
    explains TEXT,                  -- interpretations: the explained document's title (《X》)
    explains_id TEXT,               -- … and its id when it is in the store
    text TEXT,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    section_id TEXT,
    ordinal INTEGER,
    title TEXT NOT NULL,
    attached_title TEXT,            -- X of 关于印发《X》的通知
    doc_number TEXT,                -- normalized 文号: 兴署办发〔2022〕12号
    issuer TEXT,
    date TEXT,                      -- ISO signing date
    addressees TEXT,                -- JSON list of 主送机关
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_doc_number ON documents(doc_number);

CREATE TABLE IF NOT EXISTS provisions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL,
    parent_id TEXT,
    source TEXT NOT NULL,
    ordinal INTEGER,                -- document order
    level INTEGER,
    kind TEXT,                      -- item | paragraph | box | table | row | attachment | roster | chapter | article …
    label TEXT,                     -- 三, （二）, 4, 专栏1, 附件1
    path TEXT,                      -- 三/（二）/4
    heading TEXT,
    text TEXT,
    cells TEXT,                     -- JSON rows of cells for table and row provisions
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS provisions_document ON provisions(document_id, ordinal);
CREATE INDEX IF NOT EXISTS provisions_source ON provisions(source);

CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    section_id TEXT,
    source TEXT NOT NULL,
    date TEXT,
    end_date TEXT,
    text TEXT,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS events_date ON events(date);

-- Chinese full-text search: FTS5's trigram tokenizer matches any substring of three or
-- more characters; shorter queries (财政) fall back to LIKE in store/read.py.
CREATE VIRTUAL TABLE IF NOT EXISTS provisions_fts USING fts5(
    text, content='provisions', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS provisions_ai AFTER INSERT ON provisions BEGIN
    INSERT INTO provisions_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS provisions_ad AFTER DELETE ON provisions BEGIN
    INSERT INTO provisions_fts(provisions_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
