/** Placeholder until the island lands. */
export default function DiscreteKlIsland() {
  return <p>DiscreteKl (coming)</p>;
}
