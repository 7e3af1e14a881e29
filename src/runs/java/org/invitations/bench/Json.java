package org.invitations.bench;

import java.util.Collection;
import java.util.Map;

/** Just enough JSON for the benchmark's result file. */
final class Json {

    private Json() {
    }

    static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(indent).append("  \"").append(escape(entry.getKey().toString())).append("\": ");
                write(entry.getValue(), out, indent + "  ");
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof Collection<?> list) {
            out.append("[\n");
            int i = 0;
            for (Object item : list) {
                out.append(indent).append("  ");
                write(item, out, indent + "  ");
                out.append(++i < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append('"').append(escape(value.toString())).append('"');
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
