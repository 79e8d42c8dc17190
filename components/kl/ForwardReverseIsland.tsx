/** Placeholder until the island lands. */
export default function ForwardReverseIsland() {
  return <p>ForwardReverse (coming)</p>;
}
