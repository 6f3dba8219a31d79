import Foundation

/// The chart: grouped bars drawn as SVG (text labels included), one panel per question.
extension BenchReport {
    static let colours: [BenchDriver: String] = [
        .virglglVtest: "#d9480f", .virpipe: "#1c7ed6", .native: "#2b8a3e", .virglglInprocess: "#f59f00",
    ]

    /// A bar: its height value, and the text above it.
    typealias Bar = (driver: BenchDriver, value: Double, label: String)

    func chart(drivers: [BenchDriver]) -> String {
        var panels: [(String, [(String, [Bar])])] = []
        // Frames/s relative to native llvmpipe (1.0 = the host's physical limit).
        let fpsGroups: [(String, [Bar])] = workloadOrder.map { w in
            let r = runs[w] ?? [:]
            let base = r[.native]?.number("fps")
            return (w, drivers.compactMap { d in
                guard let v = r[d]?.number("fps") else { return nil }
                return base.map { (d, v / $0, Self.format(v)) } ?? (d, v, Self.format(v))
            })
        }
        panels.append(("frames/s relative to native llvmpipe (labels: frames/s)", fpsGroups))
        let byteGroups: [(String, [Bar])] = workloadOrder.compactMap { w in
            let bars: [Bar] = drivers.filter(\.usesProxy).compactMap { d in
                guard let b = runs[w]?[d]?.socketBytesPerFrame, b > 0 else { return nil }
                return (d, b, Self.format(b))
            }
            return bars.isEmpty || w == TransferWorkload.name ? nil : (w, bars)
        }
        if !byteGroups.isEmpty { panels.append(("bytes per frame reaching the host (proxy count)", byteGroups)) }
        let cpuGroups: [(String, [Bar])] = workloadOrder.map { w in
            (w, drivers.compactMap { d in
                guard let v = runs[w]?[d]?.number("cpu_ms_per_frame") else { return nil }
                return (d, v, String(format: "%.3g", v))
            })
        }
        panels.append(("client CPU ms per frame (each workload scaled to its own largest)", cpuGroups))
        if !densityRuns.isEmpty {
            panels.append(("density: total frames/s of N clients", densityRuns.keys.sorted().map { n in
                ("N=\(n)", drivers.compactMap { d in densityRuns[n]?[d]?.fps.map { (d, $0, String(format: "%.3g", $0)) } })
            }))
        }
        let width = 960, panelHeight = 260
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\(q(panels.count * panelHeight + 50)) "
        svg += "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        // Legend.
        for (k, d) in drivers.enumerated() {
            let x = 20 + k * 200
            svg += "<rect x=\(q(x)) y=\"12\" width=\"14\" height=\"14\" fill=\"\(Self.colours[d]!)\"/>"
            svg += "<text x=\(q(x + 20)) y=\"24\">\(d.title)</text>\n"
        }
        for (p, panel) in panels.enumerated() {
            svg += bars(title: panel.0, groups: panel.1, top: 40 + p * panelHeight, width: width, height: panelHeight - 20,
                        perGroupScale: p == panels.count - (densityRuns.isEmpty ? 1 : 2), drivers: drivers)
        }
        return svg + "</svg>\n"
    }

    private func q(_ v: Int) -> String { "\"\(v)\"" }

    private func bars(title: String, groups: [(String, [Bar])], top: Int, width: Int, height: Int, perGroupScale: Bool,
                      drivers: [BenchDriver]) -> String {
        var s = "<text x=\"20\" y=\(q(top + 14)) font-size=\"13\" font-weight=\"bold\">\(title)</text>\n"
        let plotTop = top + 30, plotBottom = top + height - 20, plotHeight = Double(plotBottom - plotTop)
        let overall = groups.flatMap { $0.1.map(\.value) }.max() ?? 1
        let groupWidth = Double(width - 40) / Double(max(groups.count, 1))
        let barWidth = min(40, (groupWidth - 20) / Double(max(drivers.count, 1)))
        s += "<line x1=\"20\" y1=\(q(plotBottom)) x2=\(q(width - 20)) y2=\(q(plotBottom)) stroke=\"#555\"/>\n"
        for (g, group) in groups.enumerated() {
            let scale = perGroupScale ? (group.1.map(\.value).max() ?? 1) : overall
            let x0 = 20 + Double(g) * groupWidth + (groupWidth - barWidth * Double(drivers.count)) / 2
            for bar in group.1 {
                guard let slot = drivers.firstIndex(of: bar.driver) else { continue }
                let h = scale > 0 ? bar.value / scale * (plotHeight - 14) : 0
                let x = x0 + Double(slot) * barWidth
                s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>", x, Double(plotBottom) - h, barWidth - 2, h, Self.colours[bar.driver]!)
                s += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\">%@</text>\n", x + barWidth / 2 - 1, Double(plotBottom) - h - 3, bar.label)
            }
            s += String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%@</text>\n", 20 + (Double(g) + 0.5) * groupWidth, plotBottom + 14, group.0)
        }
        return s
    }
}
