import Foundation
import Testing
@testable import ExerciseCatalog

/// One validation error kind: the files of a small catalog and the exact issue lines expected.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [String: String]
    var expected: [String]
    var testDescription: String { name }
}

/// A second valid exercise for cases that need a link target.
let bridgeHold = """
    id: bridge-hold
    name: Bridge hold
    kind: strength
    area: [hips]
    sides: both
    dose: { sets: 3, seconds: 20 }
    steps: [Lie on your back., Lift your hips., Lower slowly.]

    """

func routineYAML(_ items: String, id: String = "daily") -> String {
    """
    id: \(id)
    name: Daily
    kind: mobility
    summary: Every day.
    items:
    \(items)

    """
}

/// An exercise file with a 5 MB name: refused by its size before it is parsed.
let hugeExercise = exerciseYAML(set: ["name": "name: " + String(repeating: "x", count: 5_000_000)])

/// `count` items in one flow list (`[bird-dog, bird-dog, ...]`).
func manyItems(_ count: Int) -> String {
    "  [" + Array(repeating: "bird-dog", count: count).joined(separator: ", ") + "]"
}

let validationCases: [ValidationCase] = [
    // Unknown keys
    .init(name: "unknown key", files: ["bird-dog.yaml": exerciseYAML(extra: ["colour: red"])],
          expected: ["bird-dog.yaml:10: colour: unknown key; allowed here: id, name, kind, area, sides, dose, tempo, max, steps, cues, stop_if, easier, harder, figure, position, progression"]),
    .init(name: "unknown key, near miss", files: ["bird-dog.yaml": exerciseYAML(set: ["stop_if": "stopif: [Pain.]"])],
          expected: ["bird-dog.yaml:9: stopif: unknown key — did you mean 'stop_if'?"]),
    .init(name: "unknown key in dose", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, reps: 10, pause: 5 }"])],
          expected: ["bird-dog.yaml:6: dose.pause: unknown key; allowed here: sets, reps, seconds, rest"]),
    // Missing fields
    .init(name: "missing field", files: ["bird-dog.yaml": exerciseYAML(set: ["name": nil])],
          expected: ["bird-dog.yaml: name: missing; add the name a person reads, like name: Glute bridge"]),
    .init(name: "missing dose.sets", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { reps: 10 }"])],
          expected: ["bird-dog.yaml:6: dose.sets: missing; add sets: 1-10"]),
    .init(name: "dose without reps or seconds", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2 }"])],
          expected: ["bird-dog.yaml:6: dose: needs reps (1-30) or seconds (5-600); give one"]),
    .init(name: "dose with reps and seconds", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, reps: 10, seconds: 30 }"])],
          expected: ["bird-dog.yaml:6: dose: gives both reps and seconds; keep one"]),
    // Wrong types
    .init(name: "wrong type: text for a number", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: two, reps: 10 }"])],
          expected: ["bird-dog.yaml:6: dose.sets: must be a whole number 1-10, got 'two'"]),
    .init(name: "wrong type: quoted number", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, reps: \"10\" }"])],
          expected: ["bird-dog.yaml:6: dose.reps: must be a whole number 1-30, got '10'"]),
    .init(name: "wrong type: fraction", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, seconds: 7.5 }"])],
          expected: ["bird-dog.yaml:6: dose.seconds: must be a whole number 5-600, got '7.5'"]),
    .init(name: "wrong type: text for a list", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": "steps: Kneel on all fours."])],
          expected: ["bird-dog.yaml:7: steps: must be a list of steps (- one per line), got 'Kneel on all fours.'"]),
    .init(name: "wrong type: number for a mapping", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: 3"])],
          expected: ["bird-dog.yaml:6: dose: must be a mapping like { sets: 2, reps: 10 }, got '3'"]),
    .init(name: "wrong type: list for the file", files: ["bird-dog.yaml": "- id: bird-dog\n"],
          expected: ["bird-dog.yaml:1: must be a mapping of fields (id, name, kind, ...), got a list"]),
    .init(name: "empty value", files: ["bird-dog.yaml": exerciseYAML(set: ["name": "name:"])],
          expected: ["bird-dog.yaml:2: name: is empty; give a value"]),
    .init(name: "unknown kind", files: ["bird-dog.yaml": exerciseYAML(set: ["kind": "kind: strech"])],
          expected: ["bird-dog.yaml:3: kind: unknown value 'strech' — did you mean 'stretch'? (one of stretch, mobility, nerve-glide, strength, aerobic)"]),
    .init(name: "unknown sides", files: ["bird-dog.yaml": exerciseYAML(set: ["sides": "sides: left"])],
          expected: ["bird-dog.yaml:5: sides: must be one of both, each, got 'left'"]),
    .init(name: "empty area", files: ["bird-dog.yaml": exerciseYAML(set: ["area": "area: []"])],
          expected: ["bird-dog.yaml:4: area: is empty; give at least one area"]),
    // Numbers out of range
    .init(name: "sets 0", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 0, reps: 10 }"])],
          expected: ["bird-dog.yaml:6: dose.sets: must be 1-10, got 0"]),
    .init(name: "sets 11", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 11, reps: 10 }"])],
          expected: ["bird-dog.yaml:6: dose.sets: must be 1-10, got 11"]),
    .init(name: "reps 31", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, reps: 31 }"])],
          expected: ["bird-dog.yaml:6: dose.reps: must be 1-30, got 31"]),
    .init(name: "hold 0 s", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, seconds: 0 }"])],
          expected: ["bird-dog.yaml:6: dose.seconds: must be 5-600, got 0"]),
    .init(name: "hold 900 s", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, seconds: 900 }"])],
          expected: ["bird-dog.yaml:6: dose.seconds: must be 5-600, got 900"]),
    .init(name: "rest 301", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, reps: 10, rest: 301 }"])],
          expected: ["bird-dog.yaml:6: dose.rest: must be 0-300, got 301"]),
    .init(name: "tempo phase 11", files: ["bird-dog.yaml": exerciseYAML(extra: ["tempo: { up: 2, hold: 11, down: 2 }"])],
          expected: ["bird-dog.yaml:10: tempo.hold: must be 0-10, got 11"]),
    .init(name: "tempo total 0", files: ["bird-dog.yaml": exerciseYAML(extra: ["tempo: { up: 0, hold: 0, down: 0 }"])],
          expected: ["bird-dog.yaml:10: tempo: phases add up to 0 s; give at least 1 s, or remove tempo for self-paced reps"]),
    .init(name: "tempo phase missing", files: ["bird-dog.yaml": exerciseYAML(extra: ["tempo: { up: 2, down: 2 }"])],
          expected: ["bird-dog.yaml:10: tempo.hold: missing; give seconds 0-10 (0 for none)"]),
    .init(name: "tempo on a timed hold", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, seconds: 20 }"], extra: ["tempo: { up: 2, hold: 3, down: 2 }"])],
          expected: ["bird-dog.yaml:10: tempo: is only for rep exercises; remove it, or give dose.reps instead of dose.seconds"]),
    .init(name: "max.reps out of range", files: ["bird-dog.yaml": exerciseYAML(extra: ["max: { reps: 40 }"])],
          expected: ["bird-dog.yaml:10: max.reps: must be 1-30, got 40"]),
    .init(name: "max.reps on a timed hold", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 2, seconds: 20 }"], extra: ["max: { reps: 12 }"])],
          expected: ["bird-dog.yaml:10: max.reps: this exercise is timed; use max.seconds"]),
    .init(name: "max.seconds on a rep exercise", files: ["bird-dog.yaml": exerciseYAML(extra: ["max: { seconds: 60 }"])],
          expected: ["bird-dog.yaml:10: max.seconds: this exercise counts reps; use max.reps"]),
    .init(name: "max below the dose", files: ["bird-dog.yaml": exerciseYAML(extra: ["max: { reps: 8 }"])],
          expected: ["bird-dog.yaml:10: max.reps: must be at least dose.reps (10), got 8"]),
    // Ids
    .init(name: "id pattern", files: ["bird-dog.yaml": exerciseYAML("Bird_Dog")],
          expected: ["bird-dog.yaml:1: id: must be lowercase words joined by dashes (like glute-bridge), got 'Bird_Dog'"]),
    .init(name: "id differs from the file name", files: ["bird-dog.yaml": exerciseYAML("birddog")],
          expected: ["bird-dog.yaml:1: id: 'birddog' does not match the file name 'bird-dog'; rename the file or change the id"]),
    .init(name: "duplicate id in one directory", files: ["bird-dog.yaml": exerciseYAML(), "core/bird-dog.yml": exerciseYAML()],
          expected: ["core/bird-dog.yml:1: id: duplicate exercise id 'bird-dog', also in bird-dog.yaml; keep one file"]),
    .init(name: "unknown id in easier", files: ["bird-dog.yaml": exerciseYAML(extra: ["easier: brige"]), "bridge-hold.yaml": bridgeHold],
          expected: ["bird-dog.yaml:10: easier: no exercise 'brige' — did you mean 'bridge-hold'?"]),
    .init(name: "unknown id in harder, nothing close", files: ["bird-dog.yaml": exerciseYAML(extra: ["harder: superman"])],
          expected: ["bird-dog.yaml:10: harder: no exercise 'superman'; use the id of an exercise file"]),
    // Cycles
    .init(name: "easier is itself", files: ["bird-dog.yaml": exerciseYAML(extra: ["easier: bird-dog"])],
          expected: ["bird-dog.yaml:10: easier: 'bird-dog' cannot be its own easier variant; remove the link"]),
    .init(name: "harder/harder cycle", files: ["bird-dog.yaml": exerciseYAML(extra: ["harder: bridge-hold"]), "bridge-hold.yaml": bridgeHold + "harder: bird-dog\n"],
          expected: ["bridge-hold.yaml:8: harder: easier/harder links go round in a circle (bird-dog -> bridge-hold -> bird-dog, easier to harder); remove one link"]),
    .init(name: "easier and harder name the same exercise", files: ["bird-dog.yaml": exerciseYAML(extra: ["easier: bridge-hold", "harder: bridge-hold"]), "bridge-hold.yaml": bridgeHold],
          expected: ["bird-dog.yaml:10: easier: easier/harder links go round in a circle (bird-dog -> bridge-hold -> bird-dog, easier to harder); remove one link"]),
    // Lists
    .init(name: "empty steps", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": "steps: []"])],
          expected: ["bird-dog.yaml:7: steps: is empty; give at least one step"]),
    .init(name: "nine steps", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": "steps: [a, b, c, d, e, f, g, h, i]"])],
          expected: ["bird-dog.yaml:7: steps: has 9 steps; give at most 8"]),
    .init(name: "empty step", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": "steps: [Kneel., '', Return.]"])],
          expected: ["bird-dog.yaml:7: steps[1]: is empty; give a value"]),
    .init(name: "four cues", files: ["bird-dog.yaml": exerciseYAML(set: ["cues": "cues: [a, b, c, d]"])],
          expected: ["bird-dog.yaml:8: cues: has 4 cues; give at most 3"]),
    // Figures
    .init(name: "figure 41 columns", files: ["bird-dog.yaml": exerciseYAML(extra: ["figure: |", "  ok", "  " + String(repeating: "=", count: 41)])],
          expected: ["bird-dog.yaml:12: figure: row 2 is 41 columns wide; keep it to 40"]),
    .init(name: "figure 13 rows", files: ["bird-dog.yaml": exerciseYAML(extra: ["figure: |"] + Array(repeating: "  |", count: 13))],
          expected: ["bird-dog.yaml:10: figure: has 13 rows; keep it to 12"]),
    .init(name: "figure with a tab", files: ["bird-dog.yaml": exerciseYAML(extra: ["figure: |", "  a\tb"])],
          expected: ["bird-dog.yaml:11: figure: row 1 contains a tab; use spaces"]),
    // YAML itself
    .init(name: "YAML syntax error", files: ["bird-dog.yaml": exerciseYAML(set: ["area": "area: [core, back"])],
          expected: ["bird-dog.yaml:5: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'; check indentation and quoting"]),
    .init(name: "figure indented less after its first row", files: ["bird-dog.yaml": exerciseYAML(extra: ["figure: |", "      o", "    /|\\", "    / \\", "  ___________"])],
          expected: ["bird-dog.yaml:12: figure: YAML syntax error: while parsing a block mapping did not find expected key; check indentation and quoting; if the drawing's first row is indented more than a later row, write figure: |2 (line 10)"]),
    .init(name: "figure with an indentation indicator", files: ["bird-dog.yaml": exerciseYAML(extra: ["figure: |2", "      o", "  " + String(repeating: "_", count: 41)])],
          expected: ["bird-dog.yaml:12: figure: row 2 is 41 columns wide; keep it to 40"]),
    .init(name: "duplicate key", files: ["bird-dog.yaml": exerciseYAML(extra: ["name: Bird dog again"])],
          expected: ["bird-dog.yaml:2: duplicate key name; give each field once"]),
    .init(name: "empty file", files: ["bird-dog.yaml": ""],
          expected: ["bird-dog.yaml: the file is empty; expected a mapping of fields"]),
    // Size limits (CatalogLimits)
    .init(name: "file over 64 KiB (5 MB name)", files: ["bird-dog.yaml": hugeExercise],
          expected: ["bird-dog.yaml: is \(hugeExercise.utf8.count) bytes; a catalog file may be at most 64 KiB (65536 bytes); shorten it"]),
    .init(name: "name 61 characters", files: ["bird-dog.yaml": exerciseYAML(set: ["name": "name: " + String(repeating: "n", count: 61)])],
          expected: ["bird-dog.yaml:2: name: is 61 characters long; keep it to 60"]),
    .init(name: "name 60 characters is fine", files: ["bird-dog.yaml": exerciseYAML(set: ["name": "name: " + String(repeating: "n", count: 60)])],
          expected: []),
    .init(name: "name of 20,000 characters", files: ["bird-dog.yaml": exerciseYAML(set: ["name": "name: " + String(repeating: "n", count: 20_000)])],
          expected: ["bird-dog.yaml:2: name: is 20000 characters long; keep it to 60"]),
    .init(name: "step 201 characters", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": "steps: [Kneel., Reach., " + String(repeating: "s", count: 201) + "]"])],
          expected: ["bird-dog.yaml:7: steps[2]: is 201 characters long; keep it to 200"]),
    .init(name: "cue 201 characters", files: ["bird-dog.yaml": exerciseYAML(set: ["cues": "cues: [" + String(repeating: "c", count: 201) + "]"])],
          expected: ["bird-dog.yaml:8: cues[0]: is 201 characters long; keep it to 200"]),
    .init(name: "stop_if line 201 characters", files: ["bird-dog.yaml": exerciseYAML(set: ["stop_if": "stop_if: [Pain., " + String(repeating: "p", count: 201) + "]"])],
          expected: ["bird-dog.yaml:9: stop_if[1]: is 201 characters long; keep it to 200"]),
    .init(name: "routine name 61 characters", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - bird-dog").replacingOccurrences(of: "name: Daily", with: "name: " + String(repeating: "d", count: 61))],
          expected: ["routines/daily.yaml:2: name: is 61 characters long; keep it to 60"]),
    .init(name: "routine summary 201 characters", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - bird-dog").replacingOccurrences(of: "summary: Every day.", with: "summary: " + String(repeating: "s", count: 201))],
          expected: ["routines/daily.yaml:4: summary: is 201 characters long; keep it to 200"]),
    .init(name: "routine with 40 items is fine", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML(manyItems(40))],
          expected: []),
    .init(name: "routine with 41 items", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML(manyItems(41))],
          expected: ["routines/daily.yaml:6: items: has 41 exercises; give at most 40"]),
    .init(name: "routine with 5,000 items is one error", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML(manyItems(5_000))],
          expected: ["routines/daily.yaml:6: items: has 5000 exercises; give at most 40"]),
    // Control characters in text (a terminal would act on them)
    .init(name: "ESC in the name", files: ["bird-dog.yaml": exerciseYAML(set: ["name": #"name: "Bird \e[31mdog""#])],
          expected: [#"bird-dog.yaml:2: name: contains control character \u{1B}; use plain text (no escape codes)"#]),
    .init(name: "title-setting sequence in a step", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": #"steps: [Kneel., "\e]0;pwned\a", Return.]"#])],
          expected: [#"bird-dog.yaml:7: steps[1]: contains control character \u{1B}; use plain text (no escape codes)"#]),
    .init(name: "BEL in a cue", files: ["bird-dog.yaml": exerciseYAML(set: ["cues": #"cues: ["Breathe.\a"]"#])],
          expected: [#"bird-dog.yaml:8: cues[0]: contains control character \u{07}; use plain text (no escape codes)"#]),
    .init(name: "C1 CSI in a stop_if line", files: ["bird-dog.yaml": exerciseYAML(set: ["stop_if": #"stop_if: ["\u009B2JPain."]"#])],
          expected: [#"bird-dog.yaml:9: stop_if[0]: contains control character \u{9B}; use plain text (no escape codes)"#]),
    .init(name: "DEL in a routine summary", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - bird-dog").replacingOccurrences(of: "summary: Every day.", with: #"summary: "Every\x7Fday.""#)],
          expected: [#"routines/daily.yaml:4: summary: contains control character \u{7F}; use plain text (no escape codes)"#]),
    .init(name: "tab in a step", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": #"steps: ["Kneel.\tThen reach."]"#])],
          expected: ["bird-dog.yaml:7: steps[0]: contains a tab; use spaces"]),
    .init(name: "line break in a step", files: ["bird-dog.yaml": exerciseYAML(set: ["steps": "steps:\n  - |\n    Kneel.\n    Reach."])],
          expected: ["bird-dog.yaml:8: steps[0]: contains a line break; write it on one line"]),
    .init(name: "ESC in an area", files: ["bird-dog.yaml": exerciseYAML(set: ["area": #"area: [core, "\e[8m"]"#])],
          expected: [#"bird-dog.yaml:4: area[1]: contains control character \u{1B}; use plain text (no escape codes)"#]),
    .init(name: "ESC in a figure", files: ["bird-dog.yaml": exerciseYAML(extra: [#"figure: "  o\n \e[2J/|\\""#])],
          expected: [#"bird-dog.yaml:11: figure: row 2 contains control character \u{1B}; draw with plain characters"#]),
    .init(name: "raw ESC byte in the file", files: ["bird-dog.yaml": exerciseYAML(set: ["name": "name: Bird \u{1B}[31mdog"])],
          expected: [#"bird-dog.yaml:2: contains control character \u{1B}, which YAML does not allow; remove it"#]),
    // File content quoted in a message is escaped and cut short
    .init(name: "ESC in an unknown key", files: ["bird-dog.yaml": exerciseYAML(extra: [#""colour\e[31m": red"#])],
          expected: [#"bird-dog.yaml:10: colour\u{1B}[31m: unknown key; allowed here: id, name, kind, area, sides, dose, tempo, max, steps, cues, stop_if, easier, harder, figure, position, progression"#]),
    .init(name: "ESC in a bad number", files: ["bird-dog.yaml": exerciseYAML(set: ["dose": #"dose: { sets: "\e[2J2", reps: 10 }"#])],
          expected: [#"bird-dog.yaml:6: dose.sets: must be a whole number 1-10, got '\u{1B}[2J2'"#]),
    .init(name: "ESC in an id", files: ["bird-dog.yaml": exerciseYAML(#""bird\e[31m-dog""#)],
          expected: [#"bird-dog.yaml:1: id: contains control character \u{1B}; use plain text (no escape codes)"#]),
    .init(name: "long unknown key is cut short", files: ["bird-dog.yaml": exerciseYAML(extra: [String(repeating: "k", count: 500) + ": 1"])],
          expected: ["bird-dog.yaml:10: " + String(repeating: "k", count: 40) + "…: unknown key; allowed here: id, name, kind, area, sides, dose, tempo, max, steps, cues, stop_if, easier, harder, figure, position, progression"]),
    .init(name: "long bad value is cut short", files: ["bird-dog.yaml": exerciseYAML(set: ["sides": "sides: " + String(repeating: "b", count: 500)])],
          expected: ["bird-dog.yaml:5: sides: must be one of both, each, got '" + String(repeating: "b", count: 40) + "…'"]),
    // Byte order mark
    .init(name: "byte order mark: accepted, lines still count from the first line", files: ["bird-dog.yaml": "\u{FEFF}" + exerciseYAML(set: ["dose": "dose: { sets: 0, reps: 10 }"])],
          expected: ["bird-dog.yaml:6: dose.sets: must be 1-10, got 0"]),
    // Routines
    .init(name: "routine item: seconds for a rep exercise", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - exercise: bird-dog\n    seconds: 30")],
          expected: ["routines/daily.yaml:7: items[0].seconds: 'bird-dog' counts reps; give reps instead of seconds"]),
    .init(name: "routine item: reps for a timed exercise", files: ["bridge-hold.yaml": bridgeHold, "routines/daily.yaml": routineYAML("  - exercise: bridge-hold\n    reps: 10")],
          expected: ["routines/daily.yaml:7: items[0].reps: 'bridge-hold' is a timed hold; give seconds instead of reps"]),
    .init(name: "routine item: unknown exercise", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - brd-dog")],
          expected: ["routines/daily.yaml:6: items[0]: no exercise 'brd-dog' — did you mean 'bird-dog'?"]),
    .init(name: "routine item: override out of range", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - exercise: bird-dog\n    sets: 0")],
          expected: ["routines/daily.yaml:7: items[0].sets: must be 1-10, got 0"]),
    .init(name: "routine item: unknown key", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - exercise: bird-dog\n    set: 1")],
          expected: ["routines/daily.yaml:7: items[0].set: unknown key — did you mean 'sets'?"]),
    .init(name: "routine without items", files: ["routines/daily.yaml": routineYAML("").replacingOccurrences(of: "items:\n", with: "")],
          expected: ["routines/daily.yaml: items: missing; add a list of exercise ids"]),
    .init(name: "routine with empty items", files: ["routines/daily.yaml": routineYAML("  []")],
          expected: ["routines/daily.yaml:6: items: is empty; give at least one exercise id"]),
    .init(name: "routine kind", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - bird-dog").replacingOccurrences(of: "kind: mobility", with: "kind: core")],
          expected: ["routines/daily.yaml:3: kind: must be one of minimum, relief, mobility, strength, got 'core'"]),
    .init(name: "routine id differs from the file name", files: ["bird-dog.yaml": exerciseYAML(), "routines/daily.yaml": routineYAML("  - bird-dog", id: "every-day")],
          expected: ["routines/daily.yaml:1: id: 'every-day' does not match the file name 'daily'; rename the file or change the id"]),
]

@Suite("Validation: each error kind names the file, line and field")
struct ValidationTests {
    @Test(arguments: validationCases)
    func reportsError(_ testCase: ValidationCase) throws {
        let dir = try TempCatalog(testCase.files)
        let catalog = dir.load()
        #expect(catalog.issues.map(\.description) == testCase.expected)
    }

    @Test("a file with an error is left out, others stay")
    func badFileLeftOut() throws {
        let dir = try TempCatalog([
            "bird-dog.yaml": exerciseYAML(set: ["dose": "dose: { sets: 0, reps: 10 }"]),
            "bridge-hold.yaml": bridgeHold,
        ])
        let catalog = dir.load()
        #expect(catalog.exercise("bird-dog") == nil)
        #expect(catalog.exercise("bridge-hold") != nil)
        let issue = try #require(catalog.issues.first)
        #expect(issue.file == "bird-dog.yaml")
        #expect(issue.field == "dose.sets")
        #expect(issue.line == 6)
        #expect(issue.message == "must be 1-10, got 0")
    }

    @Test("a cycle costs only the file whose link closed it")
    func cycleKeepsTheRest() throws {
        let dir = try TempCatalog([
            "bird-dog.yaml": exerciseYAML(extra: ["harder: bridge-hold"]),
            "bridge-hold.yaml": bridgeHold + "harder: bird-dog\n",
        ])
        let catalog = dir.load()
        #expect(catalog.exercise("bridge-hold") == nil)
        // The surviving exercise's link to the excluded one is dropped, so every link resolves.
        #expect(catalog.exercise("bird-dog")?.harder == nil)
    }

    @Test("a clean directory has no issues and parses every field")
    func validFixture() throws {
        let catalog = CatalogLoader().load(directory: try fixtures("valid"))
        #expect(catalog.issues == [])
        #expect(catalog.exercises.map(\.id) == ["bridge-hold", "glute-bridge", "knee-to-chest"])
        #expect(catalog.routines.map(\.id) == ["five-minute"])
        let bridge = try #require(catalog.exercise("glute-bridge"))
        #expect(bridge.dose == Dose(sets: 2, work: .reps(10), rest: 45))
        #expect(bridge.tempo == Tempo(up: 2, hold: 3, down: 2))
        #expect(bridge.max == DoseCeiling(sets: 3, reps: 15))
        #expect(bridge.cues.count == 2)
        #expect(bridge.easier == "bridge-hold")
        let hold = try #require(catalog.exercise("bridge-hold"))
        #expect(hold.dose.rest == 30, "rest defaults to 30 s")
        #expect(hold.figure == [" ____/\\____", "|__________|"])
        let routine = try #require(catalog.routine("five-minute"))
        #expect(routine.items == [
            RoutineItem(exercise: "knee-to-chest"),
            RoutineItem(exercise: "bridge-hold", override: DoseOverride(sets: 1, seconds: 30)),
            RoutineItem(exercise: "glute-bridge", override: DoseOverride(reps: 8, rest: 20)),
        ])
        #expect(catalog.dose(of: routine.items[1]) == Dose(sets: 1, work: .seconds(30), rest: 30))
    }

    @Test("collect-all: three bad files give every error, the good files still load")
    func collectAll() throws {
        let dir = try fixtures("collect-all")
        let catalog = CatalogLoader(displayBase: dir).load(directory: dir)
        #expect(catalog.issues.map(\.description) == [
            "cat-cow.yaml:3: kind: unknown value 'mobilty' — did you mean 'mobility'? (one of stretch, mobility, nerve-glide, strength, aerobic)",
            "cat-cow.yaml:7: steps: is empty; give at least one step",
            "dead-bug.yaml:10: YAML syntax error: while parsing a block mapping did not find expected key; check indentation and quoting",
            "routines/core.yaml:5: items[1]: exercise 'dead-bug' was left out because its file has errors; fix that file",
            "single-leg-bridge.yaml:6: dose.sets: must be 1-10, got 0",
        ])
        #expect(catalog.exercises.map(\.id) == ["bridge-hold", "knee-to-chest"])
        #expect(catalog.routines.map(\.id) == ["gentle"])
        // bridge-hold pointed to the broken single-leg-bridge: it stays, without the link.
        #expect(catalog.exercise("bridge-hold")?.harder == nil)
    }

    @Test("every issue is one line")
    func oneLine() {
        let issue = CatalogIssue(file: "a.yaml", field: "x", line: 3, message: "two\nlines")
        #expect(issue.description == "a.yaml:3: x: two lines")
        #expect(CatalogIssue(file: "a.yaml", message: "bad").description == "a.yaml: bad")
    }

    @Test("an issue line never carries a control character, whatever its parts hold")
    func issueLineEscapesControlCharacters() {
        let issue = CatalogIssue(file: "x\u{1B}[31m.yaml", field: "a\u{7}b", line: 2, message: "got '\u{1B}]0;t\u{7}' \u{9B}2J\r")
        #expect(issue.description == #"x\u{1B}[31m.yaml:2: a\u{07}b: got '\u{1B}]0;t\u{07}' \u{9B}2J\u{0D}"#)
        #expect(CatalogLookupError(kind: .exercise, id: "br\u{1B}[2Jige", suggestion: nil).description
            == #"no exercise 'br\u{1B}[2Jige' (`limber exercises` lists them)"#)
    }

    @Test("a file name with an escape sequence is shown escaped")
    func fileNameEscaped() throws {
        let dir = try TempCatalog(["bird\u{1B}[31m.yaml": exerciseYAML()])
        let lines = dir.load().issues.map(\.description)
        #expect(lines == [#"bird\u{1B}[31m.yaml:1: id: 'bird-dog' does not match the file name 'bird\u{1B}[31m'; rename the file or change the id"#])
    }

    @Test("a file that starts with a UTF-8 byte order mark loads like one without")
    func byteOrderMark() throws {
        let dir = try TempCatalog([
            "bird-dog.yaml": "\u{FEFF}" + exerciseYAML(),
            "routines/daily.yaml": "\u{FEFF}" + routineYAML("  - bird-dog"),
        ])
        let catalog = dir.load()
        #expect(catalog.issues.map(\.description) == [])
        #expect(catalog.exercise("bird-dog")?.name == "Bird dog")
        #expect(catalog.routine("daily")?.items.map(\.exercise) == ["bird-dog"])
    }

    @Test("a file of exactly 64 KiB loads; one byte more is refused before parsing")
    func fileSizeBoundary() throws {
        let base = exerciseYAML()
        let limit = CatalogLimits.maxFileBytes
        // A comment line pads the file to the exact size ("#" + padding + "\n").
        let exact = base + "#" + String(repeating: "-", count: limit - base.utf8.count - 2) + "\n"
        #expect(exact.utf8.count == limit)
        let fits = try TempCatalog(["bird-dog.yaml": exact]).load()
        #expect(fits.issues.map(\.description) == [])
        #expect(fits.exercise("bird-dog") != nil)
        let over = try TempCatalog(["bird-dog.yaml": exact + "\n"]).load()
        #expect(over.issues.map(\.description) == ["bird-dog.yaml: is 65537 bytes; a catalog file may be at most 64 KiB (65536 bytes); shorten it"])
        #expect(over.exercises.isEmpty)
    }

    @Test("something that is not a regular file is reported, not read")
    func notARegularFile() throws {
        let dir = try TempCatalog(["bridge-hold.yaml": bridgeHold, "bird-dog.yaml/.keep": ""])
        let catalog = dir.load()
        #expect(catalog.issues.map(\.description) == ["bird-dog.yaml: is not a regular file; catalog files must be plain .yaml files"])
        #expect(catalog.exercises.map(\.id) == ["bridge-hold"])
    }

    @Test("a routine naming an exercise whose file is too large says the file has errors")
    func tooLargeExerciseInRoutine() throws {
        let dir = try TempCatalog(["bird-dog.yaml": hugeExercise, "routines/daily.yaml": routineYAML("  - bird-dog")])
        let lines = dir.load().issues.map(\.description)
        #expect(lines.count == 2)
        #expect(lines.last == "routines/daily.yaml:6: items[0]: exercise 'bird-dog' was left out because its file has errors; fix that file")
    }
}
