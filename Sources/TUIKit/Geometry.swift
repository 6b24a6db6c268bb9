/// A terminal size in cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// A size of `width` columns by `height` rows.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// True when both dimensions are at least those of `minimum`.
    public func isAtLeast(_ minimum: Size) -> Bool {
        width >= minimum.width && height >= minimum.height
    }

    /// "80x24".
    public var description: String { "\(width)x\(height)" }

    /// The smallest terminal limber draws on (below it, a "make the terminal larger" notice).
    /// Scroll limits are computed for it, so that everything stays reachable there.
    public static let smallestSupported = Size(width: 40, height: 12)
}

/// How much of a row or column split a part gets.
public enum Length: Sendable, Hashable {
    /// Exactly this many cells (less when there is not enough room).
    case fixed(Int)
    /// A share of what the fixed parts leave, by weight.
    case fill(Int = 1)
}

/// A rectangle of cells: the region a widget draws into.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// A rectangle; negative sizes become zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle at the origin with the given size.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// One past the right column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// True when it has no cells.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// Its size.
    public var size: Size { Size(width: width, height: height) }

    /// True when the cell at (`column`, `row`) lies inside.
    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The common part of two rectangles (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle shrunk by the given margins (never below zero size).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// The rectangle shrunk by `horizontal` columns on each side and `vertical` rows on each side.
    public func inset(horizontal: Int = 0, vertical: Int = 0) -> Rect {
        inset(top: vertical, left: horizontal, bottom: vertical, right: horizontal)
    }

    /// A rectangle of at most `width` x `height` centred inside this one.
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }

    /// The top `rows` rows.
    public func top(_ rows: Int) -> Rect { Rect(x: x, y: y, width: width, height: min(rows, height)) }
    /// The bottom `rows` rows.
    public func bottom(_ rows: Int) -> Rect {
        let h = min(rows, height)
        return Rect(x: x, y: maxY - h, width: width, height: h)
    }
    /// Everything below the top `rows` rows.
    public func droppingTop(_ rows: Int) -> Rect { inset(top: min(rows, height)) }
    /// Everything above the bottom `rows` rows.
    public func droppingBottom(_ rows: Int) -> Rect { inset(bottom: min(rows, height)) }
    /// A single row at `offset` from the top (empty when outside).
    public func row(_ offset: Int) -> Rect {
        guard offset >= 0, offset < height else { return Rect(x: x, y: y + offset, width: width, height: 0) }
        return Rect(x: x, y: y + offset, width: width, height: 1)
    }

    /// Splits the rows top to bottom: fixed parts first, the rest shared by the fill parts.
    /// `spacing` blank rows go between parts.
    public func splitRows(_ lengths: [Length], spacing: Int = 0) -> [Rect] {
        Rect.distribute(total: height, lengths: lengths, spacing: spacing).map { offset, size in
            Rect(x: x, y: y + offset, width: width, height: size)
        }
    }

    /// Splits the columns left to right: fixed parts first, the rest shared by the fill parts.
    /// `spacing` blank columns go between parts.
    public func splitColumns(_ lengths: [Length], spacing: Int = 0) -> [Rect] {
        Rect.distribute(total: width, lengths: lengths, spacing: spacing).map { offset, size in
            Rect(x: x + offset, y: y, width: size, height: height)
        }
    }

    /// "(x,y widthxheight)".
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    private static func distribute(total: Int, lengths: [Length], spacing: Int) -> [(Int, Int)] {
        guard !lengths.isEmpty else { return [] }
        var remaining = max(0, total - spacing * (lengths.count - 1))
        var sizes = [Int](repeating: 0, count: lengths.count)
        for (index, length) in lengths.enumerated() {
            if case .fixed(let n) = length {
                sizes[index] = min(max(0, n), remaining)
                remaining -= sizes[index]
            }
        }
        let weights = lengths.map { length -> Int in
            if case .fill(let weight) = length { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 {
            var given = 0
            for index in lengths.indices where weights[index] > 0 {
                sizes[index] = remaining * weights[index] / totalWeight
                given += sizes[index]
            }
            var leftover = remaining - given
            for index in lengths.indices where weights[index] > 0 && leftover > 0 {
                sizes[index] += 1
                leftover -= 1
            }
        }
        var offset = 0
        var result: [(Int, Int)] = []
        for size in sizes {
            result.append((min(offset, total), size))
            offset += size + spacing
        }
        return result
    }
}
