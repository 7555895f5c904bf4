package io.sgmigrate.engine.docker;

import java.util.Map;

/** A container as {@code docker ps} lists it. */
public record Container(String id, String name, String image, String state, String status, Map<String, String> labels) {

    /** The image's tag ({@code 3.13.1} of {@code sourcegraph/server:3.13.1}), or empty. */
    public String imageTag() {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }

    /** The image's repository without tag ({@code sourcegraph/server}). */
    public String imageRepository() {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }

    /** A one-shot container that finished its work ({@code Exited (0)}), like deploy-sourcegraph-docker's migrator. */
    public boolean exitedCleanly() {
        return status.startsWith("Exited (0)");
    }

    public boolean running() {
        return "running".equalsIgnoreCase(state) || status.startsWith("Up");
    }
}
