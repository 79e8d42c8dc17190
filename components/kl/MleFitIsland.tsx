/** Placeholder until the island lands. */
export default function MleFitIsland() {
  return <p>MleFit (coming)</p>;
}
