import styled, { css } from "styled-components";

export const Button = styled.button<{ primary?: boolean }>` // expect-pattern: styling/styled-component, styling/hardcoded-color  expect-no-pattern: styling/theme-color
  padding: 8px 16px;
  color: ${({ theme }) => theme.colors.text};
  background: #1d4ed8;
  border-radius: 4px;
`;

export const IconButton = styled(Button)` // expect-pattern: styling/styled-component, styling/theme-color  expect-no-pattern: styling/hardcoded-color
  border-color: var(--color-border);
  color: ${(props) => props.theme.colors.icon};
`;

export const Spacer = styled.div` // expect-pattern: styling/styled-component  expect-no-pattern: styling/hardcoded-color, styling/theme-color
  margin: 0 auto;
  max-width: 960px;
`;

export const focusRing = css` // expect-pattern: styling/hardcoded-color
  outline: 2px solid rgba(29, 78, 216, 0.6);
`;

export const label = styledLabel("primary"); // expect-no-pattern: styling/styled-component
