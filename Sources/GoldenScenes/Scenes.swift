/// Every golden scene, in the order reports list them.
extension GoldenScene {
    public static let all: [GoldenScene] = basic + textures + framebuffers + shaders

    /// The scene named `name`.
    public static func named(_ name: String) -> GoldenScene? { all.first { $0.name == name } }
}

/// Shaders several scenes share.
enum CommonShaders {
    static let positionColorVS = """
        #version 330 core
        layout(location = 0) in vec2 position;
        layout(location = 1) in vec3 color;
        out vec3 vColor;
        void main() {
            vColor = color;
            gl_Position = vec4(position, 0.0, 1.0);
        }
        """
    static let colorFS = """
        #version 330 core
        in vec3 vColor;
        out vec4 fragColor;
        void main() { fragColor = vec4(vColor, 1.0); }
        """
    /// Position in, texture coordinate = position mapped to [0, 1].
    static let texturedVS = """
        #version 330 core
        layout(location = 0) in vec2 position;
        out vec2 uv;
        void main() {
            uv = position * 0.5 + 0.5;
            gl_Position = vec4(position, 0.0, 1.0);
        }
        """
    static let uniformColorFS = """
        #version 330 core
        uniform vec4 color;
        out vec4 fragColor;
        void main() { fragColor = color; }
        """
    static let positionVS = """
        #version 330 core
        layout(location = 0) in vec3 position;
        void main() { gl_Position = vec4(position, 1.0); }
        """
}

extension GoldenScene {
    /// Scenes VirglGL renders today, exactly as native Mesa (or within their stated tolerance); `make test` holds
    /// them to their references, and `make demo` shows every scene with its status.
    public static let passingOnVirglGL: [String] = all.map(\.name)
}
