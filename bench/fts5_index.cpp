#include "fts5_index.h"

#include <sqlite3.h>

#include <array>
#include <cctype>

#include "index_schema.h"

namespace pep::bench {
namespace {

struct Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close_v2(handle); }
};

struct Stmt {
  sqlite3_stmt* handle = nullptr;
  ~Stmt() { sqlite3_finalize(handle); }
};

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw Fts5Error(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Fts5Error(std::string("sqlite: ") + sql + ": " + msg);
  }
}

// Facet values stored as "|v1|v2|" so instr(column, '|v|') matches one whole value.
std::string facet_column(const FacetValues& facets, std::string_view name) {
  auto it = facets.find(std::string(name));
  if (it == facets.end() || it->second.empty()) return "";
  std::string out = "|";
  for (const auto& v : it->second) out += v + "|";
  return out;
}

std::string text_of(sqlite3_stmt* s, int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s, col))) : std::string();
}

bool has_alnum(const std::string& w) {
  for (unsigned char c : w)
    if (std::isalnum(c) || c >= 0x80) return true;
  return false;
}

std::vector<std::string> words_of(const std::string& typed) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : typed + " ") {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (has_alnum(cur)) out.push_back(cur);
      cur.clear();
    } else if (c != '"') {  // a quote inside a word would end FTS5's string
      cur.push_back(c);
    }
  }
  return out;
}

std::string as_fts5_string(const std::string& w) { return "\"" + w + "\""; }

}  // namespace

std::string fts5_or_query(const std::string& typed) {
  std::string out;
  for (const auto& w : words_of(typed)) out += (out.empty() ? "" : " OR ") + as_fts5_string(w);
  return out;
}

std::string fts5_phrase_query(const std::string& typed) {
  std::string out;
  for (const auto& w : words_of(typed)) out += (out.empty() ? "" : " ") + w;
  return out.empty() ? out : as_fts5_string(out);
}

std::string fts5_prefix_query(const std::string& typed) {
  const std::string q = fts5_or_query(typed);
  return q.empty() ? q : q + "*";
}

void Fts5Index::build(const std::filesystem::path& db_file, const std::vector<PassageRecord>& passages) {
  if (std::filesystem::exists(db_file)) throw Fts5Error(db_file.string() + " already exists; FTS5 builds into a new file");
  Db db;
  if (sqlite3_open_v2(db_file.c_str(), &db.handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    fail(db.handle, "cannot create " + db_file.string());
  // A throwaway build, like pepsearch's temp builds: no fsync, one transaction.
  exec(db.handle, "PRAGMA synchronous=OFF");
  exec(db.handle,
       "CREATE VIRTUAL TABLE passages USING fts5(text, pid UNINDEXED, doc UNINDEXED, compound UNINDEXED, "
       "indication UNINDEXED, grade UNINDEXED, evidence UNINDEXED, tokenize='porter unicode61')");
  exec(db.handle, "BEGIN");
  Stmt ins;
  if (sqlite3_prepare_v2(db.handle, "INSERT INTO passages VALUES(?,?,?,?,?,?,?)", -1, &ins.handle, nullptr) != SQLITE_OK)
    fail(db.handle, "prepare insert");
  for (const auto& r : passages) {
    const std::array<std::string, 4> facets{facet_column(r.passage.facets, "compound"), facet_column(r.passage.facets, "indication"),
                                            facet_column(r.passage.facets, "grade"), facet_column(r.passage.facets, "evidence")};
    sqlite3_bind_text(ins.handle, 1, r.passage.text.data(), static_cast<int>(r.passage.text.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins.handle, 2, r.id.data(), static_cast<int>(r.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins.handle, 3, r.source.path.data(), static_cast<int>(r.source.path.size()), SQLITE_STATIC);
    for (int i = 0; i < 4; ++i)
      sqlite3_bind_text(ins.handle, 4 + i, facets[i].data(), static_cast<int>(facets[i].size()), SQLITE_TRANSIENT);
    if (sqlite3_step(ins.handle) != SQLITE_DONE) fail(db.handle, "insert passage " + r.id);
    sqlite3_reset(ins.handle);
  }
  exec(db.handle, "COMMIT");
}

struct Fts5Index::Impl {
  Db db;
  std::map<std::string, std::unique_ptr<Stmt>> statements;  // by filter shape

  sqlite3_stmt* statement_for(const FacetFilters& filters) {
    std::string shape, where;
    for (const auto& [name, values] : filters) {
      if (values.empty()) continue;
      if (!schema::find_facet(name)) throw Fts5Error("unknown facet '" + name + "'");
      shape += name + "=" + std::to_string(values.size()) + ";";
      where += " AND (";
      for (size_t i = 0; i < values.size(); ++i) where += (i ? " OR " : "") + std::string("instr(") + name + ", ?) > 0";
      where += ")";
    }
    auto& slot = statements[shape];
    if (!slot) {
      slot = std::make_unique<Stmt>();
      const std::string sql =
          "SELECT pid, doc, text, snippet(passages, 0, '<mark>', '</mark>', '…', 16), bm25(passages) FROM passages "
          "WHERE passages MATCH ?" + where + " ORDER BY bm25(passages) LIMIT ?";
      if (sqlite3_prepare_v3(db.handle, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &slot->handle, nullptr) != SQLITE_OK) {
        statements.erase(shape);
        fail(db.handle, "prepare search");
      }
    }
    return slot->handle;
  }
};

Fts5Index::Fts5Index(const std::filesystem::path& db_file) : impl_(std::make_unique<Impl>()) {
  if (sqlite3_open_v2(db_file.c_str(), &impl_->db.handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    fail(impl_->db.handle, "cannot open " + db_file.string());
}

Fts5Index::~Fts5Index() = default;

std::vector<Fts5Hit> Fts5Index::search(const std::string& match, const FacetFilters& filters, int limit) {
  std::vector<Fts5Hit> hits;
  if (match.empty()) return hits;
  sqlite3_stmt* s = impl_->statement_for(filters);
  int n = 1;
  sqlite3_bind_text(s, n++, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
  for (const auto& [name, values] : filters)
    for (const auto& v : values) {
      const std::string needle = "|" + v + "|";
      sqlite3_bind_text(s, n++, needle.data(), static_cast<int>(needle.size()), SQLITE_TRANSIENT);
    }
  sqlite3_bind_int(s, n, limit);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    hits.push_back({text_of(s, 0), text_of(s, 1), text_of(s, 2), text_of(s, 3), sqlite3_column_double(s, 4)});
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (rc != SQLITE_DONE) fail(impl_->db.handle, "fts5 query '" + match + "'");
  return hits;
}

}  // namespace pep::bench
