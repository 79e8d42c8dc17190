/** Reader-facing messages (bad URL values, invalid input); text only, never HTML. */
export function Notices({ messages }: { readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul class="ld-notices" role="alert" data-testid="notices">
      {messages.map((message) => <li key={message}>{message}</li>)}
    </ul>
  );
}
