import TUIKit

/// The work screen as it reads from the mat, two metres away: the number is the biggest thing,
/// centred, and grows with the terminal (block digits at scale 1 at 40x12, 2 at 80x24, 3 at
/// 120x40); the phase word is in big type above it when there is room, small otherwise; the
/// exercise figure sits in the free space beside it; the gauge and the "Stop if" line are at the
/// bottom and never pushed off (the stop line is cut to fit, never dropped). At 40x12 the digits
/// come first: the note and the figure go before they shrink.
struct FloorView {
    /// The phase word in big type: HOLD, UP, DOWN, REST, REPS, GET READY, RIGHT SIDE.
    var word: String
    /// The same in plain text with details ("HOLD · rep 3 of 8 · 2 s"), used when the word
    /// cannot be big, and under a big tempo word.
    var label: String
    /// The big number: seconds left, or the rep.
    var number: String
    /// The widest number this screen will show (it sets the scale, so the digits never jump).
    var widestNumber: String
    var gauge: Gauge
    /// A line or two of instruction, shown under the number when there is room.
    var note: String?
    /// "Stop if: ..." during the work; nil elsewhere.
    var stopIf: String?
    /// The exercise's ASCII figure, drawn beside the number when it fits.
    var figure: [String]
    /// The number's style (caution for reps past the target); the accent by default.
    var numberStyle: Style?
    /// Tempo reps: the phase word matters as much as the number (big even if the number is smaller).
    var wordFirst = false
    /// The number counts down (kept right-aligned so its last digit stays still).
    var isCountdown = true

    /// The largest block scale used (120x40 and up).
    static let maximumScale = 3

    func render(in body: Rect, roomy: Bool, on grid: inout Grid) {
        var area = body
        // The stop line and the gauge are placed first, from the bottom, so nothing pushes them off.
        if let stopIf, area.height > 0 {
            let maxRows = body.height >= 20 ? 3 : (body.height >= 14 ? 2 : 1)
            var lines = WrappedText.wrap(stopIf, width: area.width)
            if lines.count > maxRows {
                lines = Array(lines.prefix(maxRows))
                lines[maxRows - 1] = (lines[maxRows - 1] + "…").truncated(toWidth: area.width)
            }
            let rows = area.bottom(lines.count)
            for (index, line) in lines.enumerated() {
                grid.write(line, column: rows.x, row: rows.y + index, style: Style(foreground: .caution), clip: rows)
            }
            area = area.droppingBottom(lines.count + (roomy ? 1 : 0))
        }
        guard area.height > 1 else { return }
        gauge.render(in: area.bottom(1), on: &grid)
        area = area.droppingBottom(roomy ? 2 : 1)

        // The largest scale whose widest number fits, with one row for the small label above it.
        // A roomy screen keeps a row (and a gap) for the note too: what comes next matters.
        let noteRows = note != nil && roomy ? 2 : 0
        let fitting = (1...Self.maximumScale).reversed().filter { scale in
            let digits = BigDigits(widestNumber, scale: scale)
            return digits.width <= area.width && digits.scaledHeight + 1 + (scale > 1 ? noteRows : 0) <= area.height
        }
        guard let largest = fitting.first else {
            // Too small even for scale 1: the label and the plain number, bold, centred.
            Label(label.truncated(toWidth: area.width), style: .accent, alignment: .center).render(in: area.top(1), on: &grid)
            Label(number, style: (numberStyle ?? Style(foreground: .accent)).bolded(), alignment: .center)
                .render(in: area.droppingTop(1).top(1), on: &grid)
            return
        }
        let figureWidth = figure.map(\.displayWidth).max() ?? 0
        let canShowFigure = roomy && figureWidth > 0 && figure.count <= area.height
        let gap = 4
        let bigWord = BigDigits(word, style: Style(foreground: .accent, bold: true), alignment: .center)
        let wordCanBeBig = !word.isEmpty && BigDigits.canDraw(word)

        // Where the word goes: big above the number, big beside it, or small above it. Tempo
        // reps give the word priority (a smaller number, no figure, before a small word); the
        // other screens keep the biggest number and the figure first.
        enum WordPlace { case above, beside, small }
        func place(scale: Int, figureShown: Bool) -> WordPlace {
            let digits = BigDigits(widestNumber, scale: scale)
            let width = area.width - (figureShown ? figureWidth + gap : 0)
            guard wordCanBeBig, bigWord.width <= width else { return .small }
            if BigDigits.height + 1 + digits.scaledHeight + noteRows <= area.height { return .above }
            if bigWord.width + gap + digits.width <= width { return .beside }
            return .small
        }
        var scale = largest
        var showFigure = canShowFigure && BigDigits(widestNumber, scale: scale).width + gap + figureWidth <= area.width
        var wordPlace = place(scale: scale, figureShown: showFigure)
        if wordFirst && wordPlace == .small {
            if showFigure, place(scale: scale, figureShown: false) != .small {
                showFigure = false
            } else if let smaller = fitting.dropFirst().first(where: { place(scale: $0, figureShown: false) != .small }) {
                scale = smaller
                showFigure = false
            }
            wordPlace = place(scale: scale, figureShown: showFigure)
        }
        let widest = BigDigits(widestNumber, scale: scale)

        var main = area
        if showFigure {
            // The number keeps the centre of what is left; the figure takes the right-hand side.
            let figureArea = Rect(x: area.maxX - figureWidth, y: area.y + max(0, (area.height - figure.count) / 2),
                                  width: figureWidth, height: min(figure.count, area.height))
            for (offset, line) in figure.enumerated() where offset < figureArea.height {
                grid.write(line, column: figureArea.x, row: figureArea.y + offset, style: .muted, clip: figureArea)
            }
            main = Rect(x: area.x, y: area.y, width: area.width - figureWidth - gap, height: area.height)
        }

        let labelUnderBigWord = wordPlace != .small && label != word
        let headRows: Int
        switch wordPlace {
        case .above: headRows = BigDigits.height + 1 + (labelUnderBigWord ? 1 : 0)
        case .beside: headRows = labelUnderBigWord ? 1 : 0
        case .small: headRows = 1
        }
        let numberRows = wordPlace == .beside ? max(widest.scaledHeight, BigDigits.height) : widest.scaledHeight
        let noteLines = note.map { WrappedText.wrap($0, width: main.width) } ?? []
        let spare = main.height - headRows - numberRows
        let shownNote = spare >= 2 ? Array(noteLines.prefix(min(3, spare - 1))) : []
        let blockHeight = headRows + numberRows + (shownNote.isEmpty ? 0 : shownNote.count + 1)
        var row = main.y + max(0, (main.height - blockHeight) / 2)

        switch wordPlace {
        case .above:
            bigWord.render(in: Rect(x: main.x, y: row, width: main.width, height: BigDigits.height), on: &grid)
            row += BigDigits.height
            if labelUnderBigWord { drawLabel(in: main, row: row, style: .muted, on: &grid); row += 1 }
            row += 1
        case .beside:
            if labelUnderBigWord { drawLabel(in: main, row: row, style: .muted, on: &grid); row += 1 }
        case .small:
            drawLabel(in: main, row: row, style: Style(foreground: .accent, bold: true), on: &grid)
            row += 1
        }
        // Countdowns keep their last digit still (right-aligned in the widest number's box, as a
        // clock does); rep numbers are centred.
        let numberStyle = self.numberStyle ?? Style(foreground: .accent, bold: true)
        let digits = BigDigits(number, style: numberStyle, alignment: wordFirst || !isCountdown ? .center : .trailing, scale: scale)
        if wordPlace == .beside {
            let total = bigWord.width + gap + widest.width
            let left = main.x + max(0, (main.width - total) / 2)
            let wordTop = row + max(0, (numberRows - BigDigits.height) / 2)
            BigDigits(word, style: bigWord.style).render(in: Rect(x: left, y: wordTop, width: bigWord.width, height: BigDigits.height), on: &grid)
            digits.render(in: Rect(x: left + bigWord.width + gap, y: row, width: widest.width, height: widest.scaledHeight), on: &grid)
        } else {
            let left = main.x + max(0, (main.width - widest.width) / 2)
            digits.render(in: Rect(x: left, y: row, width: widest.width, height: widest.scaledHeight), on: &grid)
        }
        row += numberRows
        if !shownNote.isEmpty {
            row += 1
            for line in shownNote {
                Label(line, style: .normal, alignment: .center).render(in: Rect(x: main.x, y: row, width: main.width, height: 1), on: &grid)
                row += 1
            }
        }
    }

    private func drawLabel(in main: Rect, row: Int, style: Style, on grid: inout Grid) {
        Label(label.truncated(toWidth: main.width), style: style, alignment: .center)
            .render(in: Rect(x: main.x, y: row, width: main.width, height: 1), on: &grid)
    }
}
