import { createGlobalStyle } from "styled-components";

export const GlobalStyle = createGlobalStyle` // expect-no-pattern: styling/hardcoded-color
  body { color: #111827; }
`;
