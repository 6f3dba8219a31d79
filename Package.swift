// swift-tools-version: 6.0
import PackageDescription

/// VirglGL: an OpenGL 4.x driver that encodes GL as virgl command streams.
///
/// One package holds the registry generator (`Generator/`), the driver modules (`Sources/`) and all tests
/// (`Tests/`), so `swift test` exercises the generator too.
let package = Package(
    name: "VirglGL",
    products: [
        .library(name: "VirglGL", type: .dynamic, targets: ["GLDriver"]),
        .library(name: "EGL_virglgl", type: .dynamic, targets: ["EGLVendor"]),
        .executable(name: "glgen", targets: ["glgen"]),
        .executable(name: "virglgl", targets: ["virglgl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // MARK: Generator
        .systemLibrary(
            name: "CLibXML2", path: "Generator/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .target(name: "GLRegistry", dependencies: ["CLibXML2"], path: "Generator/GLRegistry"),
        .target(
            name: "GLGenerator",
            dependencies: ["GLRegistry", .product(name: "Crypto", package: "swift-crypto")],
            path: "Generator/GLGenerator"),
        .executableTarget(
            name: "glgen",
            dependencies: ["GLGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Generator/glgen"),

        // MARK: Driver
        .systemLibrary(name: "CEGL", path: "Sources/CEGL", pkgConfig: "egl", providers: [.apt(["libegl-dev"])]),
        .systemLibrary(name: "CLibDRM", path: "Sources/CLibDRM", pkgConfig: "libdrm", providers: [.apt(["libdrm-dev"])]),
        .target(name: "CVirglShims", dependencies: ["CLibDRM", "CVirglRenderer"]),
        .systemLibrary(
            name: "CVirglRenderer", path: "Sources/CVirglRenderer", pkgConfig: "virglrenderer",
            providers: [.apt(["libvirglrenderer-dev"])]),
        .target(name: "VirglTransport", dependencies: ["CVirglShims", "CVirglRenderer"]),
        .target(name: "VirglProtocol", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "CGlslang",
            linkerSettings: [
                .linkedLibrary("glslang"), .linkedLibrary("MachineIndependent"), .linkedLibrary("OSDependent"),
                .linkedLibrary("GenericCodeGen"), .linkedLibrary("OGLCompiler"), .linkedLibrary("SPIRV"),
                .linkedLibrary("SPIRV-Tools-opt"), .linkedLibrary("SPIRV-Tools"),
                .linkedLibrary("glslang-default-resource-limits"), .linkedLibrary("stdc++"),
            ]),
        .target(name: "ShaderCompiler", dependencies: ["CGlslang"]),
        .target(name: "GLCore"),
        .target(name: "GLBinding", dependencies: ["GLCore"]),
        .target(
            name: "GLDriver", dependencies: ["GLCore", "VirglTransport", "VirglProtocol", "ShaderCompiler"],
            // No run-time exclusivity checks on the draw path (about a tenth of a draw's instructions; docs/bench.md).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "CEGLVendor", dependencies: ["CEGL"]),
        .target(name: "EGLVendor", dependencies: ["CEGLVendor", "GLDriver"]),
        .target(name: "GLOracle", dependencies: ["GLBinding", "GLCore", "CEGL"]),
        .systemLibrary(name: "CLibPNG", path: "Sources/CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .target(name: "GoldenScenes", dependencies: ["GLBinding", "GLCore", "CLibPNG"]),
        .executableTarget(
            name: "virglgl",
            dependencies: [
                "GLDriver", "GLCore", "GLOracle", "GoldenScenes", "VirglProtocol", "VirglTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Tests
        .testTarget(
            name: "GLRegistryTests", dependencies: ["GLRegistry", "GLGenerator"],
            resources: [.copy("Fixtures")]),
        .target(name: "VirglTestSupport", dependencies: ["VirglTransport"], path: "Tests/VirglTestSupport"),
        .executableTarget(
            name: "GuestStreamCheck", dependencies: ["VirglTransport", "VirglTestSupport", "GoldenScenes"], path: "Tests/GuestStreamCheck"),
        .testTarget(
            name: "VirglTransportTests", dependencies: ["VirglTransport", "CVirglShims", "VirglTestSupport", "GoldenScenes"]),
        .testTarget(name: "GLDriverTests", dependencies: ["GLDriver", "GLCore", "GLBinding", "GoldenScenes", "VirglTransport", "GLRegistry"]),
        .testTarget(name: "VirglProtocolTests", dependencies: ["VirglProtocol", "VirglTestSupport", "VirglTransport"]),
        .testTarget(name: "ShaderCompilerTests", dependencies: ["ShaderCompiler"], exclude: ["Snapshots"]),
        .testTarget(name: "GoldenScenesTests", dependencies: ["GoldenScenes", "GLOracle"]),
        .testTarget(name: "GLBindingTests", dependencies: ["GLBinding", "GLCore", "GLOracle"]),
    ],
    swiftLanguageModes: [.v5]
)
