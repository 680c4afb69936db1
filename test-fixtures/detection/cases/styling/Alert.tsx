export function Alert({ message, tone }: { message: string; tone: string }) {
  return (
    <div
      role="alert"
      style={{ color: "#b91c1c", padding: 8 }} // expect-pattern: styling/inline-style-object, styling/hardcoded-color  expect-no-pattern: styling/theme-color
    >
      <span
        style={{ color: "var(--alert-text)" }} // expect-pattern: styling/theme-color  expect-no-pattern: styling/hardcoded-color
      >
        {message}
      </span>
      <svg
        fill="#b91c1c" // expect-no-pattern: styling/hardcoded-color
      />
    </div>
  );
}

export const drawing = { strokeColor: "#1e1e1e", backgroundColor: "#ffc9c9" }; // expect-no-pattern: styling/hardcoded-color
