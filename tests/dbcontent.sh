# tests/dbcontent.sh — a database's content, comparable between two databases that hold the same
# documents however they got there (sourced by tests/torture.sh and tests/e2e/kill50.sh; not a test).
#   db_content_sql DB > FILE   writes the query (from DB's schema) once
#   db_content DB FILE         prints DB's content with that query, then its records (parplan-records)
#   db_whole DB                integrity, foreign keys, every document whole or absent (prints what is not)
# Needs $BIN_RECORDS: the parplan-records program to print the records with.
# Every row of every table but the bookkeeping of runs and failures, by content: row ids follow the
# order documents were done in, which a failed and retried document changes, so a reference to a
# document, page or line is written as its key (hash, hash:page, hash:page:line) and other ids and run
# ids and timestamps are left out; the relations those carry (items, bodies, targets) are compared
# through the records below.  The query is written once from the schema (dump.sql) and run in one
# sqlite3 call per dump.
DOC_KEY="(select hash from documents where id = document_id)"
PAGE_KEY="(select d.hash || ':' || p.number from pages p join documents d on d.id = p.document_id where p.id = page_id)"
LINE_KEY="(select d.hash || ':' || p.number || ':' || l.number from lines l join pages p on p.id = l.page_id
           join documents d on d.id = p.document_id where l.id = line_id)"
db_content_sql() {
    for t in $(sqlite3 -batch "$1" "select name from sqlite_master where type='table' and name not in
                 ('runs','failures','sqlite_sequence') and name not like '%fts%' order by name"); do
        cols="" n=0
        for c in $(sqlite3 -batch "$1" "select name from pragma_table_info('$t')"); do
            case $c in
            document_id) c="$DOC_KEY" ;;
            page_id) c="$PAGE_KEY" ;;
            line_id) c="$LINE_KEY" ;;
            id|*_id|*_at) continue ;;
            esac
            cols="${cols:+$cols, }$c" n=$((n + 1))
        done
        # a table of ids only (cell_words): its size
        [ -n "$cols" ] || { echo "select '== $t'; select count(*) from $t;"; continue; }
        order=$(awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? "," : ""), i }')
        echo "select '== $t'; select * from (select $cols from $t) order by $order;"
    done
    # the search index must hold what its content tables hold
    echo "select count(*) from pages_fts; select count(*) from lines_fts;"
}
db_content() {
    sqlite3 -batch -cmd ".timeout 10000" "$1" < "$2" 2>&1
    # every item with its targets, bodies and sources, by content (parplan-records only reads)
    echo "== records"
    "$BIN_RECORDS" -q --db "$1" -o - 2>&1
}

# Database-level checks that need no reference: integrity, foreign keys, every document whole or absent.
db_whole() {
    r=$(sqlite3 -batch "$1" "pragma integrity_check" 2>&1)
    [ "$r" = ok ] || { echo "integrity_check: $r"; return 1; }
    r=$(sqlite3 -batch "$1" "pragma foreign_key_check;
      select 'document ' || source || ': ' || page_count || ' pages, ' || (select count(*) from pages where document_id = d.id) || ' stored'
        from documents d where page_count != (select count(*) from pages where document_id = d.id);
      select 'document ' || source || ': pages normalized in part' from documents d
        where (select count(*) from pages_norm n join pages p on p.id = n.page_id where p.document_id = d.id)
              not in (0, d.page_count)
           or ((select count(*) from documents_norm where document_id = d.id) = 0)
              != ((select count(*) from pages_norm n join pages p on p.id = n.page_id where p.document_id = d.id) = 0);
      select 'document ' || d.source || ': ' || x.items || ' items recorded, ' || (select count(*) from items where document_id = d.id) || ' stored'
        from extractions x join documents d on d.id = x.document_id
        where x.items != (select count(*) from items where document_id = d.id);
      select 'document ' || source || ': items without an extraction' from documents d
        where not exists (select 1 from extractions where document_id = d.id)
          and exists (select 1 from items where document_id = d.id);
      insert into pages_fts(pages_fts) values ('integrity-check');
      insert into lines_fts(lines_fts) values ('integrity-check');" 2>&1)
    [ -z "$r" ] || { echo "$r"; return 1; }
    return 0
}
