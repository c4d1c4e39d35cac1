import { describe, expect, it } from "vitest";
import { commandHelp, helpText } from "../../src/cli/help-text.ts";
import { eosim } from "./run-cli.ts";

const commands = ["run", "merge", "new", "replay", "mutants", "bench", "list"];

describe("eosim <command> --help", () => {
  it.each(commands)("%s has its own usage block, cut from the main help", (command) => {
    const help = commandHelp(command)!;
    expect(help.split("\n")[1]).toMatch(new RegExp(`^  eosim ${command}\\b`));
    for (const other of commands.filter((c) => c !== command)) expect(help).not.toContain(`eosim ${other} `);
    for (const line of help.split("\n").slice(1)) if (line !== "" && !line.startsWith("Exit codes")) expect(helpText).toContain(line);
  });

  it("prints the command's help and exits 0 instead of rejecting the flag", () => {
    const result = eosim(["mutants", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("eosim mutants [names]");
    expect(result.stdout).not.toContain("eosim replay");
    expect(eosim(["replay", "-h"]).stdout).toContain("eosim replay <repro.json>");
  });

  it("an unknown command is still bad input", () => {
    expect(commandHelp("frobnicate")).toBeUndefined();
    expect(eosim(["frobnicate", "--help"]).code).toBe(2);
  });
});
