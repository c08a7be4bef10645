import { actionChangeWords, type ActionComparison } from '@balcony/shared';
import { STATUS_WORDS } from '../../outcome/words';

const statusCell = (s: ActionComparison['statusBefore']) => (s === null ? <span className="record-empty">Not there</span> : STATUS_WORDS[s]);

/** A cell's column name, shown only on a narrow screen, where the table's head is not. */
function CellLabel({ children }: { children: string }) {
  return <span className="compare-cell-label">{children}: </span>;
}

/** Every action of either snapshot, with its status then and now and what became of it. */
export function ActionsThenNow({ actions }: { actions: readonly ActionComparison[] }) {
  return (
    <section className="record-section" aria-labelledby="compare-actions-title" data-testid="compare.actions">
      <h2 id="compare-actions-title">Actions then and now</h2>
      {actions.length === 0 ? (
        <p className="record-empty">No actions in either snapshot.</p>
      ) : (
        <table className="record-table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Then</th>
              <th scope="col">Now</th>
              <th scope="col">What changed</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => {
              const now = (a.after ?? a.before)!;
              return (
                <tr key={`${a.before?.id ?? ''}:${a.after?.id ?? ''}`} data-testid="compare.action" data-kind={a.kind} data-action-id={now.id}>
                  <th scope="row">
                    {now.text}
                    {a.textChanged && a.before && <span className="record-from">Before: {a.before.text}</span>}
                  </th>
                  <td>
                    <CellLabel>Owner</CellLabel>
                    {now.owner ?? <span className="record-empty">No one</span>}
                  </td>
                  <td data-testid="compare.action.then">
                    <CellLabel>Then</CellLabel>
                    {statusCell(a.statusBefore)}
                  </td>
                  <td data-testid="compare.action.now">
                    <CellLabel>Now</CellLabel>
                    {statusCell(a.statusAfter)}
                  </td>
                  <td data-testid="compare.action.change">
                    <CellLabel>What changed</CellLabel>
                    {actionChangeWords(a)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
