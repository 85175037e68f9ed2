import { Route, Switch } from "wouter";
import { DocumentList } from "./features/documents/DocumentList.js";
import { EditorPage } from "./editor/EditorPage.js";

/** The two pages: the statement list and a statement's editor. */
export function App() {
  return (
    <Switch>
      <Route path="/">
        <DocumentList />
      </Route>
      <Route path="/d/:id">{(params) => <EditorPage key={params.id} documentId={params.id} />}</Route>
      <Route>
        <main className="page page--narrow">
          <h1>Page not found</h1>
          <a href="/">Back to statements</a>
        </main>
      </Route>
    </Switch>
  );
}
