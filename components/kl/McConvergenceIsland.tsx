/** Placeholder until the island lands. */
export default function McConvergenceIsland() {
  return <p>McConvergence (coming)</p>;
}
