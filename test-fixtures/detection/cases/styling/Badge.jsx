import { StyleSheet, Text, View } from "react-native";
import { tokens } from "./tokens";

export function Badge({ label, color }) {
  return (
    <View
      style={[styles.badge, { borderColor: color }]} // expect-pattern: styling/stylesheet-object-class  expect-no-pattern: styling/inline-style-object, styling/hardcoded-color
    >
      <Text
        style={styles.label} // expect-pattern: styling/stylesheet-object-class
      >
        {label}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({ // expect-pattern: styling/hardcoded-color  expect-no-pattern: styling/theme-color
  badge: {
    backgroundColor: "#ffffff",
    borderRadius: 12,
  },
  label: {
    color: tokens.textMuted,
    fontSize: 12,
  },
});

const themed = StyleSheet.create({ // expect-pattern: styling/theme-color  expect-no-pattern: styling/hardcoded-color
  label: { color: tokens.textMuted },
});

export const chartSeries = [{ name: "visits", color: "#ff0000" }]; // expect-no-pattern: styling/hardcoded-color
