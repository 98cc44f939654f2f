package dev.tollgate.demo.it.wars;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/")
public class SmallApplication extends Application {
}
