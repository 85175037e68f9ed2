import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteDialect, sql, DummyDriver } from "kysely";
import type { Database as Schema } from "./schema.js";
import { PreparedQuery } from "./prepared.js";

const sqlite = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
const postgres = new Kysely<Schema>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe("a query compiled once", () => {
  it("puts each call's values where they go, whatever their order in the SQL, keeping the builder's constants", () => {
    for (const db of [sqlite, postgres]) {
      const query = new PreparedQuery((id: string, after: number) =>
        db.selectFrom("document_updates").select("seq").where("seq", ">", after).where("document_id", "=", id).orderBy("seq").limit(5),
      );
      const bound = query.bind("doc-1", 42);
      expect(bound.parameters).toEqual([42, "doc-1", 5]);
      expect(query.bind("doc-2", 7).parameters).toEqual([7, "doc-2", 5]);
      expect(bound.sql).toBe(db.selectFrom("document_updates").select("seq").where("seq", ">", 42).where("document_id", "=", "doc-1").orderBy("seq").limit(5).compile().sql);
    }
  });

  it("refuses a query that does not use one of its values as a value", () => {
    expect(() => new PreparedQuery((id: string) => sqlite.selectFrom("documents").select("id").where(sql.raw<boolean>(`id = '${id}'`)))).toThrow(/must use each of its 1 values/);
  });
});
