import CoachApp
import ArgumentParser
import ExerciseCatalog

/// `limber show ID`: one exercise in full (or one routine with its doses).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one exercise: dose, tempo, steps, cues, when to stop, easier/harder variants and the figure.",
        discussion: "A routine id prints the routine's exercises with their doses.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("An exercise id (see `limber exercises`) or a routine id.", valueName: "ID"),
              completion: .custom { words, _, _ in CatalogCompletion.showableIDs(words) })
    var id: String

    func run() throws {
        let catalog = CatalogSupport.load(catalogOption: global.catalog)
        if let exercise = catalog.exercise(id) {
            print(Self.text(of: exercise, in: catalog))
        } else if let routine = catalog.routine(id) {
            print(Self.text(of: routine, in: catalog))
        } else {
            // Suggest from both lists: a person may not remember which one an id is.
            let all = catalog.exercises.map(\.id) + catalog.routines.map(\.id)
            throw CatalogLookupError(kind: .exercise, id: id, suggestion: Suggestions.closest(to: id, in: all))
        }
    }

    static func text(of exercise: Exercise, in catalog: Catalog) -> String {
        var out: [String] = []
        out.append("\(exercise.name) (\(exercise.id))")
        out.append("\(exercise.kind.rawValue) · \(exercise.area.joined(separator: ", ")) · \(exercise.sides == .each ? "each side, left then right" : "both sides together")")
        out.append("")
        out.append("Dose:   \(exercise.doseText()), rest \(exercise.dose.rest) s")
        if case .reps = exercise.dose.work {
            if let tempo = exercise.tempo {
                out.append("Tempo:  \(tempo.plainText) (seconds up, hold, down)")
            } else {
                out.append("Tempo:  self-paced")
            }
        }
        if let max = exercise.max {
            var parts: [String] = []
            if let sets = max.sets { parts.append("\(sets) sets") }
            if let reps = max.reps { parts.append("\(reps) reps") }
            if let seconds = max.seconds { parts.append("\(seconds) s") }
            out.append("Up to:  \(parts.joined(separator: ", "))")
        }
        out.append("")
        out.append("Steps:")
        for (index, step) in exercise.steps.enumerated() {
            let prefix = "  \(index + 1). "
            out.append(CatalogSupport.wrap(step, firstPrefix: prefix, indent: prefix.count))
        }
        if !exercise.cues.isEmpty {
            out.append("")
            out.append("Cues:")
            for cue in exercise.cues { out.append(CatalogSupport.wrap(cue, firstPrefix: "  - ", indent: 4)) }
        }
        if !exercise.stopIf.isEmpty {
            out.append("")
            out.append("Stop if:")
            for line in exercise.stopIf { out.append(CatalogSupport.wrap(line, firstPrefix: "  - ", indent: 4)) }
        }
        if exercise.easier != nil || exercise.harder != nil {
            out.append("")
            for (label, id) in [("Easier:", exercise.easier), ("Harder:", exercise.harder)] {
                guard let id else { continue }
                let name = catalog.exercise(id).map { " (\($0.name))" } ?? ""
                out.append("\(label) \(id)\(name)")
            }
        }
        if !exercise.figure.isEmpty {
            out.append("")
            out.append(contentsOf: exercise.figure.map { "  " + $0 })
        }
        return out.joined(separator: "\n")
    }

    static func text(of routine: Routine, in catalog: Catalog) -> String {
        var out: [String] = []
        out.append("\(routine.name) (\(routine.id))")
        out.append("\(routine.kind.rawValue) · \(TimingEstimate.roughMinutes(catalog.estimatedSeconds(of: routine)))")
        out.append(CatalogSupport.wrap(routine.summary, firstPrefix: "", indent: 0))
        out.append("")
        let rows = routine.items.enumerated().map { index, item -> [String] in
            let exercise = catalog.exercise(item.exercise)
            let dose = catalog.dose(of: item)
            let doseText = exercise.flatMap { e in dose.map { e.doseText($0) } } ?? "?"
            return ["\(index + 1).", item.exercise, exercise?.name ?? "?", doseText]
        }
        out.append(CatalogSupport.table(["", "ID", "NAME", "DOSE"], rows))
        return out.joined(separator: "\n")
    }
}
