/** A form's error, in a live region that exists before the words arrive so that they are read out. */
export function FormError({ message }: { message: string | null }) {
  return (
    <div className="form-error-region" aria-live="assertive" aria-atomic="true">
      {message && (
        <p className="form-error" data-testid="start.error">
          <span aria-hidden="true" className="form-error-icon">!</span>
          {message}
        </p>
      )}
    </div>
  );
}
