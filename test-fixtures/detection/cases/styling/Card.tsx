import clsx from "clsx";
import styles from "./Card.module.css";

type CardProps = { title: string; active: boolean; width: number };

export function Card({ title, active, width }: CardProps) {
  return (
    <section
      className="rounded-lg border p-4 shadow-sm" // expect-pattern: styling/classname-string  expect-no-pattern: styling/stylesheet-object-class
      style={{ width: `${width}%` }} // expect-pattern: styling/inline-style-object  expect-no-pattern: styling/stylesheet-object-class
    >
      <h2
        className={clsx("text-lg font-semibold", active && "text-blue-600")} // expect-pattern: styling/classname-string
      >
        {title}
      </h2>
      <p
        className={styles.body} // expect-pattern: styling/stylesheet-object-class  expect-no-pattern: styling/classname-string
      >
        Body
      </p>
      <p
        className={clsx(styles.footer, active && styles.active)} // expect-pattern: styling/stylesheet-object-class
      >
        Footer
      </p>
      <input
        className={inputClass} // expect-no-pattern: styling/classname-string, styling/stylesheet-object-class
      />
    </section>
  );
}
