package com.example.broken;

import java.util.ArrayList;
import java.util.List;

// Intentionally broken Java: missing paren, missing semicolon, unclosed class.
public class Playlist {

    private final List<String> tracks = new ArrayList<>();

    public void add(String track) {
        tracks.add(track);
    }

    // ERROR: missing closing paren in the if condition
    public boolean contains(String track) {
        if (tracks.contains(track) {
            return true;
        }
        return false;
    }

    // ERROR: missing semicolon and a stray token
    public int size() {
        int n = tracks.size()
        return n @@;
    }

    public String first() {
        try {
            return tracks.get(0);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    // ERROR: method and class are never closed
    public void clear() {
        tracks.clear();
