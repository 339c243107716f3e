-- gazette-extract store. Every record row carries provenance: source (the file's path relative to the build root),
-- line/end_line (1-based source lines), start/end (character offsets into the decoded
-- source), and for PDF sources page/bbox (JSON [x0, top, x1, bottom] in PDF points).

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,          -- path relative to the build root ('/'), the `source` of every record
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,           -- of the raw bytes; an unchanged source is skipped on rebuild
    encoding TEXT,
    kind TEXT,                      -- text | markdown | pdf | html | docx | ofd
    bytes INTEGER,
    lines INTEGER,
    pages INTEGER,
    documents INTEGER,
    provisions INTEGER,
    warnings TEXT,                  -- JSON list
    extractor TEXT                  -- rules | model | combined: what extracted its values
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    name TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT,
    error TEXT NOT NULL,            -- one line: the source name and the reason
    status TEXT NOT NULL DEFAULT 'error'  -- error: not built | warning: built, but gave no documents
);

-- The decoded text of each source as the build read it (zlib-compressed UTF-8): reviews anchor to
-- it, so a decision made while the file on disk has changed still records what the editor saw.
CREATE TABLE IF NOT EXISTS source_texts (
    name TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    text BLOB NOT NULL
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
-- No index on provisions(source): a source's provisions are found through its documents
-- (PROVISIONS_OF_SOURCE in store/schema.py), which saves a tenth of the table's size.
DROP INDEX IF EXISTS provisions_source;

-- Where a line sits in its file when the file is not plain text: an HTML element's CSS path
-- (html>body>div:nth-of-type(3)>p:nth-of-type(6), a table row as `… tr:nth-of-type(4)`) or a Word
-- part (p[12] Heading 2, tbl[1] tr[3]). Any record's (source, line) finds it: how an editor goes
-- from a provision or value to the element in the page.
CREATE TABLE IF NOT EXISTS source_locators (
    source TEXT NOT NULL,
    line INTEGER NOT NULL,
    locator TEXT NOT NULL,
    PRIMARY KEY (source, line)
);

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

-- Chinese full-text search: the character bigrams of each provision's text (残疾人就业 → 残疾 疾人 人就
-- 就业), contentless and without positions (detail=none), so it holds only which provisions have each
-- bigram. Rows are added and removed by store/fts.py as sources are written; a query asks for all of
-- its bigrams and the provision's text then decides (store/read.py, query/common.py).
CREATE VIRTUAL TABLE IF NOT EXISTS provisions_fts USING fts5(text, content='', detail=none);

-- ---------------------------------------------------------------- extracted values
-- Every row: provision_id/document_id it was found in, provenance columns, `method`
-- (rule | model | both) and `confidence`.

CREATE TABLE IF NOT EXISTS obligations (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL,
    provision_id TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT,                      -- the task
    clause TEXT,                    -- the responsibility clause as printed
    kind TEXT,                      -- parenthetical | inline | duty_line | label_lines | table | inherited
    task_line INTEGER, task_start INTEGER, task_end INTEGER,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS obligations_document ON obligations(document_id);
CREATE INDEX IF NOT EXISTS obligations_provision ON obligations(provision_id);

CREATE TABLE IF NOT EXISTS obligation_units (
    id TEXT PRIMARY KEY,
    obligation_id TEXT NOT NULL,
    source TEXT NOT NULL,
    name TEXT NOT NULL,             -- as the text names it, shared prefix/suffix distributed
    canonical TEXT,
    role TEXT NOT NULL,             -- lead | co | responsible
    surface TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS obligation_units_obligation ON obligation_units(obligation_id);
CREATE INDEX IF NOT EXISTS obligation_units_canonical ON obligation_units(canonical, role);
CREATE INDEX IF NOT EXISTS obligation_units_source ON obligation_units(source);

-- Units and their aliases are derived from obligation_units after every build.
CREATE TABLE IF NOT EXISTS units (
    canonical TEXT PRIMARY KEY,
    level TEXT,                     -- 国家 | 省级 | 盟市 | 旗县区 | 苏木乡镇
    kind TEXT,                      -- party | government | agency | enterprise | collective | people_org
    obligations INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unit_aliases (
    alias TEXT NOT NULL,
    canonical TEXT NOT NULL,
    PRIMARY KEY (alias, canonical)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS deadlines (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT NOT NULL,
    surface TEXT, kind TEXT, date TEXT, every TEXT, start_date TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS deadlines_date ON deadlines(date);
CREATE INDEX IF NOT EXISTS deadlines_obligation ON deadlines(obligation_id);
CREATE INDEX IF NOT EXISTS deadlines_source ON deadlines(source);

CREATE TABLE IF NOT EXISTS amounts (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT NOT NULL,
    surface TEXT, value_yuan REAL, low_yuan REAL, high_yuan REAL, bound TEXT, per TEXT, role TEXT, currency TEXT, status TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS amounts_obligation ON amounts(obligation_id);
CREATE INDEX IF NOT EXISTS amounts_source ON amounts(source);

CREATE TABLE IF NOT EXISTS targets (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT NOT NULL,
    surface TEXT, indicator TEXT, value REAL, high REAL, unit TEXT, comparator TEXT, year INTEGER, binding TEXT, due TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS targets_year ON targets(year);
CREATE INDEX IF NOT EXISTS targets_source ON targets(source);

CREATE TABLE IF NOT EXISTS citations (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT NOT NULL,
    surface TEXT, doc_number TEXT, title TEXT,
    cited_document_id TEXT,         -- the cited document when it is in the store
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS citations_doc_number ON citations(doc_number);
CREATE INDEX IF NOT EXISTS citations_source ON citations(source);

CREATE TABLE IF NOT EXISTS members (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT NOT NULL,
    group_name TEXT, role TEXT, person TEXT, position TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT
);
CREATE INDEX IF NOT EXISTS members_person ON members(person);
CREATE INDEX IF NOT EXISTS members_source ON members(source);

-- Indexes the query verbs (extract/query) rely on to answer in < 50 ms on 100 K obligations. The
-- verbs read the reviewed_* views or tables (below); while a store has no decision those are views over
-- these tables, which then answer through these indexes. No index is a prefix of another (issue 14).
CREATE INDEX IF NOT EXISTS q_obligations_order ON obligations(source, task_start, start);
CREATE INDEX IF NOT EXISTS q_obligation_units_unit ON obligation_units(canonical, role, obligation_id);
CREATE INDEX IF NOT EXISTS q_obligation_units_ob ON obligation_units(obligation_id, role, canonical);
DROP INDEX IF EXISTS obligation_units_canonical;   -- a prefix of q_obligation_units_unit (stores before issue 14)
DROP INDEX IF EXISTS obligation_units_obligation;  -- a prefix of q_obligation_units_ob
CREATE INDEX IF NOT EXISTS q_deadlines_provision ON deadlines(provision_id, obligation_id);
CREATE INDEX IF NOT EXISTS q_amounts_document ON amounts(document_id);
CREATE INDEX IF NOT EXISTS q_targets_document ON targets(document_id);
CREATE INDEX IF NOT EXISTS q_targets_binding ON targets(binding, year);
CREATE INDEX IF NOT EXISTS q_citations_document ON citations(document_id);
CREATE INDEX IF NOT EXISTS q_citations_cited ON citations(cited_document_id);
CREATE INDEX IF NOT EXISTS q_members_document ON members(document_id);
CREATE INDEX IF NOT EXISTS q_members_group ON members(group_name);
CREATE INDEX IF NOT EXISTS q_units_obligations ON units(obligations);
CREATE INDEX IF NOT EXISTS q_unit_aliases_canonical ON unit_aliases(canonical);

-- Sources written (or deleted) since the reviewed tables were last filled.
CREATE TABLE IF NOT EXISTS reviewed_dirty (source TEXT PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS sources_reviewed_dirty_ai AFTER INSERT ON sources BEGIN
    INSERT OR IGNORE INTO reviewed_dirty(source) VALUES (new.name);
END;
CREATE TRIGGER IF NOT EXISTS sources_reviewed_dirty_ad AFTER DELETE ON sources BEGIN
    INSERT OR IGNORE INTO reviewed_dirty(source) VALUES (old.name);
END;

-- ---------------------------------------------------------------- reviewed tables
-- @reviewed: what follows is created by extract/review/views.py, not by ensure_schema.
-- What queries, exports and matrices read: the extracted rows with editors' decisions applied
-- (rejected rows dropped, corrections and additions in), plus `review_status` (NULL | accepted |
-- corrected | added). While a kind has no live decision, reviewed_<table> is a view
-- (`SELECT *, NULL AS review_status FROM <table>`): no copy, the base table's indexes. The first
-- decision on a kind turns its view into this materialized table, so every query keeps its indexes:
-- extract/review/views.py fills them after every build (only the sources listed in reviewed_dirty)
-- and updates the affected rows with each decision. Base rows keep their base table's rowid, so
-- scans read them in the same order.
CREATE TABLE IF NOT EXISTS reviewed_obligations (
    id TEXT PRIMARY KEY, document_id TEXT, provision_id TEXT, source TEXT,
    text TEXT, clause TEXT, kind TEXT, task_line INTEGER, task_start INTEGER, task_end INTEGER,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT,
    review_status TEXT
);
CREATE INDEX IF NOT EXISTS r_obligations_document ON reviewed_obligations(document_id);
CREATE INDEX IF NOT EXISTS r_obligations_provision ON reviewed_obligations(provision_id);
CREATE INDEX IF NOT EXISTS r_q_obligations_order ON reviewed_obligations(source, task_start, start);

CREATE TABLE IF NOT EXISTS reviewed_obligation_units (
    id TEXT PRIMARY KEY, obligation_id TEXT, source TEXT,
    name TEXT, canonical TEXT, role TEXT, surface TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT,
    review_status TEXT
);
CREATE INDEX IF NOT EXISTS r_obligation_units_source ON reviewed_obligation_units(source);
CREATE INDEX IF NOT EXISTS r_q_obligation_units_unit ON reviewed_obligation_units(canonical, role, obligation_id);
CREATE INDEX IF NOT EXISTS r_q_obligation_units_ob ON reviewed_obligation_units(obligation_id, role, canonical);

CREATE TABLE IF NOT EXISTS reviewed_deadlines (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT,
    surface TEXT, kind TEXT, date TEXT, every TEXT, start_date TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT,
    review_status TEXT
);
CREATE INDEX IF NOT EXISTS r_deadlines_date ON reviewed_deadlines(date);
CREATE INDEX IF NOT EXISTS r_deadlines_obligation ON reviewed_deadlines(obligation_id);
CREATE INDEX IF NOT EXISTS r_deadlines_source ON reviewed_deadlines(source);
CREATE INDEX IF NOT EXISTS r_q_deadlines_provision ON reviewed_deadlines(provision_id, obligation_id);

CREATE TABLE IF NOT EXISTS reviewed_amounts (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT,
    surface TEXT, value_yuan REAL, low_yuan REAL, high_yuan REAL, bound TEXT, per TEXT, role TEXT, currency TEXT, status TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT,
    review_status TEXT
);
CREATE INDEX IF NOT EXISTS r_amounts_obligation ON reviewed_amounts(obligation_id);
CREATE INDEX IF NOT EXISTS r_amounts_source ON reviewed_amounts(source);
CREATE INDEX IF NOT EXISTS r_q_amounts_document ON reviewed_amounts(document_id);

CREATE TABLE IF NOT EXISTS reviewed_targets (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT,
    surface TEXT, indicator TEXT, value REAL, high REAL, unit TEXT, comparator TEXT, year INTEGER, binding TEXT, due TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT,
    review_status TEXT
);
CREATE INDEX IF NOT EXISTS r_targets_year ON reviewed_targets(year);
CREATE INDEX IF NOT EXISTS r_targets_source ON reviewed_targets(source);
CREATE INDEX IF NOT EXISTS r_q_targets_document ON reviewed_targets(document_id);
CREATE INDEX IF NOT EXISTS r_q_targets_binding ON reviewed_targets(binding, year);

CREATE TABLE IF NOT EXISTS reviewed_citations (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT,
    surface TEXT, doc_number TEXT, title TEXT,
    cited_document_id TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT,
    review_status TEXT
);
CREATE INDEX IF NOT EXISTS r_citations_doc_number ON reviewed_citations(doc_number);
CREATE INDEX IF NOT EXISTS r_citations_source ON reviewed_citations(source);
CREATE INDEX IF NOT EXISTS r_q_citations_document ON reviewed_citations(document_id);
CREATE INDEX IF NOT EXISTS r_q_citations_cited ON reviewed_citations(cited_document_id);

CREATE TABLE IF NOT EXISTS reviewed_members (
    id TEXT PRIMARY KEY,
    obligation_id TEXT, provision_id TEXT, document_id TEXT, source TEXT,
    group_name TEXT, role TEXT, person TEXT, position TEXT,
    method TEXT, confidence REAL,
    line INTEGER, end_line INTEGER, start INTEGER, "end" INTEGER, page INTEGER, bbox TEXT,
    review_status TEXT
);
CREATE INDEX IF NOT EXISTS r_members_person ON reviewed_members(person);
CREATE INDEX IF NOT EXISTS r_members_source ON reviewed_members(source);
CREATE INDEX IF NOT EXISTS r_q_members_document ON reviewed_members(document_id);
CREATE INDEX IF NOT EXISTS r_q_members_group ON reviewed_members(group_name);
