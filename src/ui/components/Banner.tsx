export interface BannerMessage {
  kind: 'info' | 'error';
  text: string;
  /** Gives back what the action behind the message replaced (issue 26: nothing is wiped without a way back). */
  undo?: {
    label: string;
    /** The accessible name, when the label alone does not say what is undone. */ name?: string;
    run: () => void;
  };
}

/** The message at the top of the page: what just happened to the user's configuration, with Undo where it applies. */
export function Banner({ message, onDismiss }: { message: BannerMessage; onDismiss: () => void }) {
  return (
    <div className={`banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="banner">
      <p>{message.text}</p>
      <div className="banner-actions">
        {message.undo && (
          <button type="button" className="button small" aria-label={message.undo.name} onClick={message.undo.run}>
            {message.undo.label}
          </button>
        )}
        <button type="button" className="button small" onClick={onDismiss} aria-label="Dismiss message">
          ×
        </button>
      </div>
    </div>
  );
}
